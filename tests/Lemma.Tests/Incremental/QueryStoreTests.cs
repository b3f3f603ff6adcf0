using Lemma.Incremental;

namespace Lemma.Tests.Incremental;

/// <summary>The memo every build runs on: values reused while their reads are unchanged, recomputed otherwise, and
/// nothing downstream of a value recomputed to an equal one runs again.</summary>
public sealed class QueryStoreTests
{
    private static readonly Input<string, string> Text = new("text");

    private sealed class Counted
    {
        public int Words;
        public int Shout;
        public int Total;
    }

    private static (Query<string, int> Words, Query<string, string> Shout, Query<string, int> Total) Queries(Counted counted)
    {
        var words = new Query<string, int>("words", (q, file) =>
        {
            counted.Words++;
            return (q.Get(Text, file) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        });
        var shout = new Query<string, string>("shout", (q, file) =>
        {
            counted.Shout++;
            return (q.Get(Text, file) ?? "").ToUpperInvariant();
        });
        var total = new Query<string, int>("total", (q, files) =>
        {
            counted.Total++;
            return files.Split(',').Sum(f => q.Get(words, f));
        });
        return (words, shout, total);
    }

    [Fact]
    public void A_store_for_one_build_keeps_no_reads_gives_the_same_values_and_refuses_a_change_to_what_was_read()
    {
        var counted = new Counted();
        var (_, shout, total) = Queries(counted);
        var store = new QueryStore { KeepsReads = false };
        store.Set(Text, "a", "one two");
        store.Set(Text, "b", "three");
        Assert.Equal(3, store.Get(total, "a,b"));
        Assert.Equal(3, store.Get(total, "a,b"));
        Assert.Equal(1, counted.Total);

        // An input nothing has read yet may still be set (a build sets where it stages pages after the model).
        store.Set(Text, "c", "four five");
        Assert.Equal("FOUR FIVE", store.Get(shout, "c"));
        Assert.Equal(3, store.Get(total, "a,b"));
        Assert.Equal(1, counted.Total);
        Assert.Throws<InvalidOperationException>(() => store.Set(Text, "a", "changed"));
    }

    [Fact]
    public void A_dropped_value_is_made_again_only_when_read_and_what_read_it_does_not_run_again()
    {
        var counted = new Counted();
        var (words, _, total) = Queries(counted);
        var store = new QueryStore();
        store.Set(Text, "a", "one two");
        store.Set(Text, "b", "three");
        Assert.Equal(3, store.Get(total, "a,b"));
        store.Drop(words);
        Assert.False(store.TryPeek(words, "a", out _));

        store.Set(Text, "c", "five");
        store.Propagate();
        Assert.Equal(3, store.Get(total, "a,b")); // nothing it read changed: no value dropped is made again
        Assert.Equal((2, 1), (counted.Words, counted.Total));

        store.Set(Text, "b", "three four");
        store.Propagate();
        Assert.Equal(4, store.Get(total, "a,b"));
        Assert.Equal((4, 2), (counted.Words, counted.Total)); // b's words again, and a's made again for the total

        Assert.Equal(2, store.Get(words, "a"));
        Assert.Equal(4, counted.Words);
        Assert.Equal(4, store.Get(total, "a,b"));
        Assert.Equal(2, counted.Total);

        // The next drop lets go of the values made since the last, whichever way they were made.
        Assert.True(store.TryPeek(words, "a", out _) && store.TryPeek(words, "b", out _));
        store.Drop(words);
        Assert.False(store.TryPeek(words, "a", out _) || store.TryPeek(words, "b", out _));
        Assert.Equal(4, store.Get(total, "a,b"));
        Assert.Equal((4, 2), (counted.Words, counted.Total));
    }

    [Fact]
    public void A_maps_entries_read_key_by_key_reach_only_the_readers_of_an_entry_that_changed()
    {
        var lengths = new Query<string, IReadOnlyDictionary<string, int>>("lengths", (q, _) =>
            (q.Get(Text, "all") ?? "").Split(' ').ToDictionary(w => w, w => w.Length));
        var length = new MapEntries<string, int>("length", lengths).Entry;
        var shouted = 0;
        var shout = new Query<string, string>("shout", (q, word) =>
        {
            shouted++;
            return new string('!', q.Get(length, word));
        });
        var store = new QueryStore();
        store.Set(Text, "all", "a bb ccc");
        Assert.Equal(["!", "!!", "!!!", ""], new[] { "a", "bb", "ccc", "dddd" }.Select(w => store.Get(shout, w)));

        store.Set(Text, "all", "a bb ccc dddd");
        store.Propagate();
        Assert.Equal(["!", "!!", "!!!", "!!!!"], new[] { "a", "bb", "ccc", "dddd" }.Select(w => store.Get(shout, w)));
        Assert.Equal(5, shouted); // only the word that came
    }

    [Fact]
    public void A_watched_query_names_the_keys_changes_marked_since_it_was_last_asked_and_only_those()
    {
        var counted = new Counted();
        var (words, shout, _) = Queries(counted);
        var store = new QueryStore();
        store.Watch(words);
        store.Set(Text, "a", "one two");
        store.Set(Text, "b", "three");
        store.Get(words, "a");
        store.Get(words, "b");
        store.Get(shout, "a");
        Assert.Empty(store.TakeMarked(words)); // first values are not marks

        store.Set(Text, "a", "one two four");
        store.Set(Text, "b", "three"); // no change
        store.Propagate();
        Assert.Equal(["a"], store.TakeMarked(words).Order());
        Assert.Empty(store.TakeMarked(words)); // taken
        Assert.Empty(store.TakeMarked(shout)); // not watched, though "a" of it was marked too
    }

    [Fact]
    public void A_value_is_computed_once_while_nothing_it_read_changes()
    {
        var counted = new Counted();
        var (_, _, total) = Queries(counted);
        var store = new QueryStore();
        store.Set(Text, "a", "one two");
        store.Set(Text, "b", "three");

        Assert.Equal(3, store.Get(total, "a,b"));
        Assert.Equal(3, store.Get(total, "a,b"));
        store.Set(Text, "a", "one two"); // the same value is no change
        Assert.Equal(3, store.Get(total, "a,b"));
        Assert.Equal((2, 1), (counted.Words, counted.Total));
    }

    [Fact]
    public void A_changed_input_recomputes_what_read_it_and_only_that()
    {
        var counted = new Counted();
        var (words, shout, total) = Queries(counted);
        var store = new QueryStore();
        store.Set(Text, "a", "one two");
        store.Set(Text, "b", "three");
        store.Get(total, "a,b");
        store.Get(shout, "b");

        store.Set(Text, "a", "one two four");
        Assert.Equal(4, store.Get(total, "a,b"));
        Assert.Equal("THREE", store.Get(shout, "b"));
        Assert.Equal((3, 2, 1), (counted.Words, counted.Total, counted.Shout));
        Assert.Equal(3, store.Get(words, "a"));
    }

    [Fact]
    public void A_value_recomputed_to_an_equal_one_is_backdated_and_its_readers_are_reused()
    {
        var counted = new Counted();
        var (_, _, total) = Queries(counted);
        var store = new QueryStore();
        store.Set(Text, "a", "one two");
        store.Get(total, "a");

        store.Set(Text, "a", "three four"); // still two words
        Assert.Equal(2, store.Get(total, "a"));
        Assert.Equal((2, 1), (counted.Words, counted.Total));
        Assert.Equal(1, store.Counts.Reused("total"));
    }

    [Fact]
    public void A_backdated_value_keeps_its_object()
    {
        var lines = new Query<string, string[]>("lines", (q, k) => (q.Get(Text, k) ?? "").Split('\n'),
            EqualityComparer<string[]>.Create((a, b) => a!.SequenceEqual(b!), a => a.Length));
        var store = new QueryStore();
        store.Set(Text, "a", "x\ny");
        var first = store.Get(lines, "a");
        store.Set(Text, "a", "x\ny"); // no change at all
        store.Set(Text, "b", "other"); // a new revision
        Assert.Same(first, store.Get(lines, "a"));
    }

    [Fact]
    public void An_input_never_set_reads_as_default_and_setting_it_is_a_change()
    {
        var counted = new Counted();
        var (words, _, _) = Queries(counted);
        var store = new QueryStore();
        Assert.Equal(0, store.Get(words, "missing"));
        store.Set(Text, "missing", "now here");
        Assert.Equal(2, store.Get(words, "missing"));
    }

    [Fact]
    public void A_query_may_read_in_parallel_and_each_value_is_computed_once()
    {
        var computed = 0;
        var leaf = new Query<int, int>("leaf", (q, i) =>
        {
            Interlocked.Increment(ref computed);
            return q.Get(Text, "shared")!.Length + i;
        });
        var sum = new Query<int, long>("sum", (q, n) =>
        {
            long total = 0;
            Parallel.For(0, n, i => Interlocked.Add(ref total, q.Get(leaf, i % 50)));
            return total;
        });
        var store = new QueryStore();
        store.Set(Text, "shared", "abc");
        Assert.Equal(Enumerable.Range(0, 1000).Sum(i => 3 + i % 50), store.Get(sum, 1000));
        Assert.Equal(50, computed);

        store.Set(Text, "shared", "abcd");
        Assert.Equal(Enumerable.Range(0, 1000).Sum(i => 4 + i % 50), store.Get(sum, 1000));
        Assert.Equal(100, computed);
    }

    [Fact]
    public void A_query_that_throws_is_computed_again_next_time()
    {
        var fail = true;
        var flaky = new Query<string, int>("flaky", (q, k) => fail ? throw new InvalidOperationException("no") : q.Get(Text, k)!.Length);
        var store = new QueryStore();
        store.Set(Text, "a", "xy");
        Assert.Throws<InvalidOperationException>(() => store.Get(flaky, "a"));
        fail = false;
        Assert.Equal(2, store.Get(flaky, "a"));
    }

    [Fact]
    public void A_forgotten_read_leaves_a_stale_value_which_is_what_the_property_tests_must_catch()
    {
        var counted = new Counted();
        var (_, shout, _) = Queries(counted);
        var store = new QueryStore { Forgets = name => name == "text" };
        store.Set(Text, "a", "quiet");
        Assert.Equal("QUIET", store.Get(shout, "a"));
        store.Set(Text, "a", "loud");
        Assert.Equal("QUIET", store.Get(shout, "a"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Propagated_or_not_a_store_gives_the_values_a_fresh_one_gives(bool propagate)
    {
        // A chain of queries whose reads depend on values (a dynamic graph), over random edits.
        var size = new Query<string, int>("size", (q, k) => (q.Get(Text, k) ?? "").Length);
        var pick = new Query<string, string>("pick", (q, k) => q.Get(size, k) % 2 == 0 ? q.Get(Text, "even") ?? "" : q.Get(Text, "odd") ?? "");
        var joined = new Query<string, string>("joined", (q, keys) => string.Join("|", keys.Split(',').Select(k => q.Get(pick, k) + q.Get(size, k))));
        var random = new Random(7);
        var store = new QueryStore();
        string[] keys = ["a", "b", "c", "even", "odd"];
        for (var step = 0; step < 200; step++)
        {
            store.Set(Text, keys[random.Next(keys.Length)], new string('x', random.Next(4)) + step % 3);
            if (propagate) store.Propagate();
            var fresh = new QueryStore();
            foreach (var k in keys) fresh.Set(Text, k, store.Peek(Text, k)!);
            Assert.Equal(fresh.Get(joined, "a,b,c"), store.Get(joined, "a,b,c"));
            Assert.Equal(fresh.Get(pick, "b"), store.Get(pick, "b"));
        }
    }

    [Fact]
    public void After_a_propagation_a_value_no_change_reached_is_reused_as_it_is()
    {
        var counted = new Counted();
        var (_, _, total) = Queries(counted);
        var store = new QueryStore();
        store.Set(Text, "a", "one two");
        store.Set(Text, "b", "three");
        store.Get(total, "a,b");
        store.Set(Text, "unread", "anything");
        store.Propagate();
        Assert.Equal(3, store.Get(total, "a,b"));
        store.Set(Text, "b", "three four");
        store.Propagate();
        Assert.Equal(4, store.Get(total, "a,b"));
        Assert.Equal((3, 2), (counted.Words, counted.Total));
    }
}
