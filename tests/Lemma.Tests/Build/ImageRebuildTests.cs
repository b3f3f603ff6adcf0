using Lemma.Build;
using Lemma.Model;

namespace Lemma.Tests.Build;

/// <summary>
/// Images in a rebuild in the same process (`lemma serve`): an image's size is read from its file through the build's
/// store, so an edited image reaches the pages that show it and no other.
/// </summary>
public sealed class ImageRebuildTests : IDisposable
{
    private readonly string site = Directory.CreateTempSubdirectory("lemma-images-").FullName;

    public void Dispose() => Directory.Delete(site, recursive: true);

    private void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(site, path))!);
        File.WriteAllText(Path.Combine(site, path), text);
    }

    private void Picture(string path, int width, int height)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(site, path))!);
        using var image = NetVips.Image.Black(width, height, bands: 3);
        image.Pngsave(Path.Combine(site, path));
    }

    private BuildOptions Options => new() { Source = site, Output = Path.Combine(site, "public"), Emit = false, Preview = true };

    private static string Html(BuildResult result, string path) =>
        result.Content.Single(c => c.Key == path).Value.Html;

    [Fact]
    public void An_edited_image_renders_again_the_pages_that_show_it_and_no_other()
    {
        Write("site.yaml", "title: T\nbase_url: https://example.org/\n");
        Picture("static/img/chart.png", 300, 200);
        Write("content/posts/a.md", "---\ntitle: A\ndate: 2024-01-01\n---\n![Chart](/img/chart.png)\n");
        Write("content/posts/b.md", "---\ntitle: B\ndate: 2024-01-02\n---\nText, then ![the chart](/img/chart.png) inline.\n");
        Write("content/posts/c.md", "---\ntitle: C\ndate: 2024-01-03\n---\nNo image.\n");
        Write("content/posts/d.md", "---\ntitle: D\ndate: 2024-01-04\n---\n![Other](/img/other.png)\n");
        Picture("static/img/other.png", 100, 100);
        var store = new BuildStore();
        var first = SiteBuilder.Run(Options, store: store);
        Assert.Contains("width=\"300\" height=\"200\"", Html(first, "content/posts/a.md"));
        var contentBefore = store.Memo.Counts.Computed(SiteQueries.Content.Name);

        Picture("static/img/chart.png", 600, 250);
        store.Changed(["static/img/chart.png"]);
        var second = SiteBuilder.Run(Options, store: store);

        Assert.Contains("width=\"600\" height=\"250\"", Html(second, "content/posts/a.md"));
        Assert.Contains("width=\"600\" height=\"250\"", Html(second, "content/posts/b.md"));
        Assert.Equal(2, store.Memo.Counts.Computed(SiteQueries.Content.Name) - contentBefore);
    }

    [Fact]
    public void Under_serve_the_page_names_the_copies_and_the_first_request_makes_one()
    {
        Write("site.yaml", "title: T\nbase_url: https://example.org/\n");
        Picture("static/img/wide.png", 1000, 500);
        Write("content/posts/a.md", "---\ntitle: A\ndate: 2024-01-01\n---\n![Wide](/img/wide.png)\n");
        var store = new BuildStore();
        var result = SiteBuilder.Run(Options, store: store);
        Assert.Contains("srcset=\"/img/wide.480w.webp 480w, /img/wide.800w.webp 800w, /img/wide.1000w.webp 1000w\"", Html(result, "content/posts/a.md"));
        // Nothing made yet: the copies are not among the files.
        Assert.DoesNotContain(result.Files, f => f.Path.Contains(".480w.", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(site, ".lemma/cache/images")));

        var file = store.Memo.Get(Lemma.Images.ImageQueries.Copy, "/img/wide.800w.webp");
        Assert.NotNull(file);
        using var copy = NetVips.Image.NewFromFile(file);
        Assert.Equal((800, 400), (copy.Width, copy.Height));
        Assert.Null(store.Memo.Get(Lemma.Images.ImageQueries.Copy, "/img/wide.900w.webp"));
    }
}
