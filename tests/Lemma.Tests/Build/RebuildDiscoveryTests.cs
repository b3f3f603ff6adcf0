using Lemma.Build;
using Lemma.Model;

namespace Lemma.Tests.Build;

/// <summary>
/// Files that come and go in a rebuild in the same process (`lemma serve`): a plain file created or deleted in a folder
/// the last build listed is told to that folder's listing, and no folder is listed from the disk again; anything else (a
/// folder, a file at the root) lists the site again. Either way the site is what a fresh build finds.
/// </summary>
public sealed class RebuildDiscoveryTests : IDisposable
{
    private readonly string site = Directory.CreateTempSubdirectory("lemma-discovery-").FullName;
    private readonly BuildStore store = new();

    public void Dispose() => Directory.Delete(site, recursive: true);

    private void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(site, path))!);
        File.WriteAllText(Path.Combine(site, path), text);
    }

    private static string Post(string title) => $"---\ntitle: {title}\ndate: 2024-01-01\n---\nText.\n";

    private BuildOptions Options => new() { Source = site, Output = Path.Combine(site, "public"), Emit = false, Preview = true };

    private (BuildResult Result, long Listed) Rebuild(params string[] changed)
    {
        var listedBefore = store.Memo.Counts.Computed(SiteQueries.DiskListing.Name);
        store.Changed(changed);
        var result = SiteBuilder.Run(Options, store: store);
        return (result, store.Memo.Counts.Computed(SiteQueries.DiskListing.Name) - listedBefore);
    }

    private string[] Posts(BuildResult result) => [.. result.Site.Posts.Select(p => p.Title).Order(StringComparer.Ordinal)];

    private string[] FreshPosts() => Posts(SiteBuilder.Run(Options));

    [Fact]
    public void A_post_created_or_deleted_in_a_listed_folder_lists_no_folder_again()
    {
        Write("site.yaml", "title: T\nbase_url: https://example.org/\n");
        Write("content/posts/a.md", Post("A"));
        Write("content/posts/b.md", Post("B"));
        SiteBuilder.Run(Options, store: store);

        Write("content/posts/c.md", Post("C"));
        var (created, listed) = Rebuild("content/posts/c.md");
        Assert.Equal(["A", "B", "C"], Posts(created));
        Assert.Equal(0, listed);

        File.Delete(Path.Combine(site, "content/posts/a.md"));
        var (deleted, listedAfterDelete) = Rebuild("content/posts/a.md");
        Assert.Equal(["B", "C"], Posts(deleted));
        Assert.Equal(0, listedAfterDelete);
        Assert.Equal(FreshPosts(), Posts(deleted));

        // Created again, and a name that was never there told gone: the listing is what the disk holds.
        Write("content/posts/a.md", Post("A again"));
        var (again, _) = Rebuild("content/posts/a.md", "content/posts/never.md");
        Assert.Equal(["A again", "B", "C"], Posts(again));
        Assert.Equal(FreshPosts(), Posts(again));
    }

    [Fact]
    public void A_folder_created_or_deleted_lists_the_site_again()
    {
        Write("site.yaml", "title: T\nbase_url: https://example.org/\n");
        Write("content/posts/a.md", Post("A"));
        SiteBuilder.Run(Options, store: store);

        Write("content/posts/bundle/index.md", Post("Bundle"));
        Write("content/posts/bundle/figure.png", "not really a picture");
        var (created, listed) = Rebuild("content/posts/bundle", "content/posts/bundle/index.md", "content/posts/bundle/figure.png");
        Assert.Equal(["A", "Bundle"], Posts(created));
        Assert.True(listed > 0);
        Assert.Contains(created.Files, f => f.Path == "posts/bundle/figure.png");

        Directory.Delete(Path.Combine(site, "content/posts/bundle"), recursive: true);
        var (deleted, _) = Rebuild("content/posts/bundle");
        Assert.Equal(["A"], Posts(deleted));
        Assert.DoesNotContain(deleted.Files, f => f.Path.StartsWith("posts/bundle/", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_in_a_folder_no_build_listed_lists_the_site_again()
    {
        Write("site.yaml", "title: T\nbase_url: https://example.org/\n");
        Write("content/posts/a.md", Post("A"));
        SiteBuilder.Run(Options, store: store);

        Write("content/notes/n.md", Post("Note"));
        var (created, listed) = Rebuild("content/notes/n.md");
        Assert.Equal(["A", "Note"], Posts(created));
        Assert.True(listed > 0);
    }
}
