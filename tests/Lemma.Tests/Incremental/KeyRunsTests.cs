using System.Collections.Immutable;
using Lemma.Incremental;

namespace Lemma.Tests.Incremental;

/// <summary>A long list in runs cut where its keys say: a key that comes or goes changes the run it falls in, and every
/// other run stays as it was, so what is made from each run is made again for that run only.</summary>
public sealed class KeyRunsTests
{
    private static readonly Input<string, ImmutableArray<string>> List = new("list", Equalities.Sequence<string>());

    private static string[] Keys(int count) => [.. Enumerable.Range(0, count).Select(i => $"content/posts/post-{i:D5}.md")];

    private sealed class Setup
    {
        public readonly KeyRuns<string> Runs = new("posts", q => q.Get(List, "")!, key => key, size: 16);
        public readonly Query<string, string> Joined;
        public readonly Query<string, string> Whole;
        public int Made;

        public Setup()
        {
            Joined = new("joined", (q, start) => { Interlocked.Increment(ref Made); return string.Join('\n', q.Get(Runs.Run, start)); });
            Whole = new("whole", (q, _) => string.Join('\n', q.Get(Runs.Starts, "").Select(start => q.Get(Joined, start))));
        }
    }

    [Fact]
    public void The_runs_hold_the_list_in_order_each_named_by_its_first_key()
    {
        var setup = new Setup();
        var store = new QueryStore();
        var keys = Keys(1000);
        store.Set(List, "", [.. keys]);
        var starts = store.Get(setup.Runs.Starts, "");
        Assert.InRange(starts.Length, 20, 200);
        Assert.Equal(keys, starts.SelectMany(start => store.Get(setup.Runs.Run, start)));
        Assert.All(starts, start => Assert.Equal(start, store.Get(setup.Runs.Run, start)[0]));
        Assert.Empty(store.Get(setup.Runs.Run, "no such key"));
        // No run is unbounded, whatever the keys' hashes.
        Assert.All(starts, start => Assert.InRange(store.Get(setup.Runs.Run, start).Length, 1, 64));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(500)]
    [InlineData(999)]
    public void A_key_inserted_or_removed_anywhere_makes_again_one_run_and_leaves_the_others(int at)
    {
        var setup = new Setup();
        var store = new QueryStore();
        var keys = Keys(1000).ToList();
        store.Set(List, "", [.. keys]);
        Assert.Equal(string.Join('\n', keys), store.Get(setup.Whole, ""));
        var before = setup.Made;

        keys.Insert(at, keys[at] + ".new.md");
        store.Set(List, "", [.. keys]);
        store.Propagate();
        Assert.Equal(string.Join('\n', keys), store.Get(setup.Whole, ""));
        // One run is joined again (two when the new key starts a run of its own: the run it cut and its own).
        Assert.InRange(setup.Made - before, 1, 2);

        before = setup.Made;
        keys.RemoveAt(at);
        store.Set(List, "", [.. keys]);
        store.Propagate();
        Assert.Equal(string.Join('\n', keys), store.Get(setup.Whole, ""));
        Assert.InRange(setup.Made - before, 1, 2);
    }

    [Fact]
    public void A_repeated_key_never_starts_a_second_run()
    {
        var setup = new Setup();
        var store = new QueryStore();
        var keys = Keys(300).Concat(Keys(300)).ToArray();
        store.Set(List, "", [.. keys]);
        var starts = store.Get(setup.Runs.Starts, "");
        Assert.Equal(starts.Length, starts.Distinct().Count());
        Assert.Equal(keys, starts.SelectMany(start => store.Get(setup.Runs.Run, start)));
    }
}
