namespace Lemma.Server.Tests;

/// <summary>
/// Images under `lemma serve` (issue #20): pages name the smaller copies at once, and each copy is made on its first
/// request; an edited image reaches the pages that show it.
/// </summary>
public class ImageServeTests
{
    private static Dictionary<string, string> Site() => new()
    {
        ["site.yaml"] = "title: Served\nbase_url: https://example.org/\n",
        ["content/posts/a.md"] = "---\ntitle: A\ndate: 2024-01-01\n---\n\n![Wide](/img/wide.png)\n",
        ["content/posts/b.md"] = "---\ntitle: B\ndate: 2024-01-02\n---\n\nNo image.\n",
    };

    private static void Picture(ServedSite site, string path, int width, int height)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(site.Root, path))!);
        using var noise = NetVips.Image.Gaussnoise(width, height);
        using var rgb = noise.Bandjoin(noise, noise).Cast(NetVips.Enums.BandFormat.Uchar);
        rgb.Pngsave(Path.Combine(site.Root, path));
    }

    private static async Task<ServedSite> Start(bool production)
    {
        var served = await ServedSite.Start(Site(), production);
        // Written once the server runs (the served site takes text files), then built as one change.
        Picture(served, "static/img/wide.png", 1000, 500);
        served.Server.Host.Rebuild();
        return served;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_copy_the_page_names_is_made_on_its_first_request(bool production)
    {
        await using var site = await Start(production);
        var html = await site.Get("posts/a/");
        Assert.Contains("<source type=\"image/webp\" srcset=\"/img/wide.480w.webp 480w, /img/wide.800w.webp 800w, /img/wide.1000w.webp 1000w\"", html);
        Assert.Contains("width=\"1000\" height=\"500\"", html);

        var response = await site.Http.GetAsync("img/wide.800w.webp");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
        using var copy = NetVips.Image.NewFromBuffer(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((800, 400), (copy.Width, copy.Height));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await site.Http.GetAsync("img/wide.900w.webp")).StatusCode);
    }

    [Fact]
    public async Task An_edited_image_is_announced_with_the_page_that_shows_it()
    {
        await using var site = await Start(production: false);
        var events = await site.Events();
        // A browser has both posts open: the edit is announced with the one that shows the image.
        await site.Get("posts/a/");
        await site.Get("posts/b/");
        Picture(site, "static/img/wide.png", 600, 300);
        while (true)
        {
            var (name, data) = await events.Next();
            if (name != "reload") continue;
            if (!data.Contains("posts/a/index.html")) continue;
            Assert.DoesNotContain("posts/b/index.html", data);
            break;
        }
        Assert.Contains("width=\"600\" height=\"300\"", await site.Get("posts/a/"));
    }
}
