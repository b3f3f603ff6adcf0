using System.Collections.Immutable;
using Lemma.Incremental;

namespace Lemma.Tests.Incremental;

/// <summary>The items that have each feature, gathered from runs of items: always the index a whole pass would make,
/// and after an edit of one item's features, only the features it added or removed reach what read them.</summary>
public sealed class InvertedIndexTests
{
    private static readonly Input<string, ImmutableArray<string>> List = new("list", Equalities.Sequence<string>());
    private static readonly Input<string, ImmutableArray<string>> Tags = new("tags", Equalities.Sequence<string>());

    private sealed class Setup
    {
        public readonly InvertedIndex Index;
        public readonly Query<string, int> Count;
        public int Counted;

        public Setup()
        {
            var runs = new KeyRuns<string>("posts", q => q.Get(List, "")!, key => key, size: 16);
            Index = new InvertedIndex("tagged", runs, (q, item) => q.Get(Tags, item).IsDefault ? [] : q.Get(Tags, item));
            // A reader of one feature's items, counted each time it runs.
            Count = new("count", (q, tag) => { Interlocked.Increment(ref Counted); return q.Get(Index.Entry, tag).Length; });
        }
    }

    private static string[] Posts(int count) => [.. Enumerable.Range(0, count).Select(i => $"content/posts/post-{i:D4}.md")];

    private static ImmutableArray<string> TagsOf(int i) => [.. new[] { $"tag-{i % 7}", $"tag-{i % 13}", i % 100 == 0 ? "rare" : "common" }.Distinct()];

    // What one pass over every item makes: each feature's items in the list's order.
    private static Dictionary<string, string[]> Naive(IReadOnlyList<string> posts, Func<string, IEnumerable<string>> tags) =>
        posts.SelectMany(p => tags(p).Distinct().Select(t => (Tag: t, Post: p))).GroupBy(x => x.Tag).ToDictionary(g => g.Key, g => g.Select(x => x.Post).ToArray());

    [Fact]
    public void Each_feature_lists_its_items_in_the_lists_order_and_an_unknown_feature_none()
    {
        var setup = new Setup();
        var store = new QueryStore();
        var posts = Posts(500);
        store.Set(List, "", [.. posts]);
        for (var i = 0; i < posts.Length; i++) store.Set(Tags, posts[i], TagsOf(i));
        var tags = posts.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => (IEnumerable<string>)TagsOf(x.i));
        foreach (var (tag, expected) in Naive(posts, p => tags[p]))
            Assert.Equal(expected, store.Get(setup.Index.Entry, tag));
        Assert.Empty(store.Get(setup.Index.Entry, "no such tag"));
    }

    [Fact]
    public void A_tag_edit_reaches_the_readers_of_the_tags_it_added_and_removed_only()
    {
        var setup = new Setup();
        var store = new QueryStore();
        var posts = Posts(500);
        store.Set(List, "", [.. posts]);
        var tags = new Dictionary<string, ImmutableArray<string>>();
        for (var i = 0; i < posts.Length; i++) store.Set(Tags, posts[i], tags[posts[i]] = TagsOf(i));
        var names = Naive(posts, p => tags[p]).Keys.Append("new-tag").ToArray();
        foreach (var name in names) store.Get(setup.Count, name);

        var before = setup.Counted;
        // post-0250 had tag-5, tag-3 and common: it keeps tag-5, drops tag-3 and common, adds new-tag.
        store.Set(Tags, posts[250], tags[posts[250]] = ["tag-5", "new-tag"]);
        store.Propagate();
        foreach (var name in names) Assert.Equal(Naive(posts, p => tags[p]).GetValueOrDefault(name, []).Length, store.Get(setup.Count, name));
        Assert.Equal(3, setup.Counted - before);
    }

    [Fact]
    public void An_item_created_or_deleted_is_listed_or_left_out_in_its_place()
    {
        var setup = new Setup();
        var store = new QueryStore();
        var posts = Posts(300).ToList();
        store.Set(List, "", [.. posts]);
        for (var i = 0; i < posts.Count; i++) store.Set(Tags, posts[i], TagsOf(i));
        Assert.Equal(3, store.Get(setup.Index.Entry, "rare").Length);

        var created = "content/posts/post-0150a.md";
        store.Set(Tags, created, ["rare"]);
        posts.Insert(151, created);
        store.Set(List, "", [.. posts]);
        store.Propagate();
        Assert.Equal(["content/posts/post-0000.md", "content/posts/post-0100.md", created, "content/posts/post-0200.md"], store.Get(setup.Index.Entry, "rare").ToArray());

        posts.Remove("content/posts/post-0100.md");
        store.Set(List, "", [.. posts]);
        store.Propagate();
        Assert.Equal(["content/posts/post-0000.md", created, "content/posts/post-0200.md"], store.Get(setup.Index.Entry, "rare").ToArray());
    }
}
