using Lemma.Build;
using Lemma.Model;

namespace Lemma.Tests.Build;

/// <summary>
/// URLs claimed twice, in a rebuild in the same process (`lemma serve`): the claims of each run of pages are kept apart
/// from the layout, so a date or tag edit does not check every URL again; an edit that makes or ends a conflict is
/// reported as a fresh build reports it, at the same line.
/// </summary>
public sealed class RebuildConflictTests : IDisposable
{
    private readonly string site = Directory.CreateTempSubdirectory("lemma-conflicts-").FullName;
    private readonly BuildStore store = new();

    public void Dispose() => Directory.Delete(site, recursive: true);

    private void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(site, path))!);
        File.WriteAllText(Path.Combine(site, path), text);
        store.Changed([path]);
    }

    private static string Post(string title, string more = "") => $"---\ntitle: {title}\ndate: 2024-01-01\n{more}---\nText.\n";

    private BuildOptions Options => new() { Source = site, Output = Path.Combine(site, "public"), Emit = false };

    /// <summary>The rebuild's problems, after checking they are a fresh build's.</summary>
    private string[] Rebuild()
    {
        var again = SiteBuilder.Run(Options, store: store).Diagnostics.Select(d => d.ToString()).ToArray();
        Assert.Equal(SiteBuilder.Run(Options).Diagnostics.Select(d => d.ToString()), again);
        return again;
    }

    [Fact]
    public void A_conflict_an_edit_makes_or_ends_is_reported_as_a_fresh_build_reports_it()
    {
        Write("site.yaml", "title: T\nbase_url: https://example.org/\n");
        Write("content/posts/a.md", Post("A"));
        Write("content/posts/b.md", Post("B"));
        Assert.Empty(Rebuild());

        Write("content/posts/b.md", Post("B", "slug: a\n"));
        Assert.Contains(Rebuild(), d => d.StartsWith("content/posts/b.md:4:1: error: URL /posts/a/ is already used by content/posts/a.md", StringComparison.Ordinal));

        // A line above the slug moves the report with it.
        Write("content/posts/b.md", Post("B", "draft: false\nslug: a\n"));
        Assert.Contains(Rebuild(), d => d.StartsWith("content/posts/b.md:5:1: error: URL /posts/a/", StringComparison.Ordinal));

        Write("content/posts/b.md", Post("B", "aliases: [/posts/a/]\n"));
        Assert.Contains(Rebuild(), d => d.Contains("alias /posts/a/ is already used by content/posts/a.md", StringComparison.Ordinal));

        // A date or a tag edit leaves the claims; the conflict stays reported.
        Write("content/posts/a.md", Post("A", "tags: [x]\n").Replace("2024-01-01", "2024-02-02"));
        Assert.Contains(Rebuild(), d => d.Contains("alias /posts/a/ is already used", StringComparison.Ordinal));

        // A term's page claims its URL too: a page already there conflicts with the new term.
        Write("content/posts/c.md", Post("C", "url: /tags/y/\n"));
        Assert.DoesNotContain(Rebuild(), d => d.Contains("/tags/y/", StringComparison.Ordinal));
        Write("content/posts/b.md", Post("B", "tags: [y]\n"));
        Assert.Contains(Rebuild(), d => d.Contains("URL /tags/y/ is already used by the tag page 'y'", StringComparison.Ordinal));

        Write("content/posts/b.md", Post("B"));
        Assert.Empty(Rebuild());
    }
}
