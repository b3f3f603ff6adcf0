using Lemma.Build;
using Lemma.Model;

namespace Lemma.Tests.Build;

/// <summary>A rebuild in the same process (`lemma serve`) renders Hugo shortcodes from what the files say now.</summary>
public sealed class ShortcodeRebuildTests : IDisposable
{
    private readonly string site = Directory.CreateTempSubdirectory("lemma-shortcode-rebuild-").FullName;

    public void Dispose() => Directory.Delete(site, recursive: true);

    [Fact]
    public void A_front_matter_edit_reaches_a_param_shortcode_and_a_ref_follows_the_page_it_names()
    {
        var post = Path.Combine(site, "content/posts/a.md");
        var other = Path.Combine(site, "content/posts/b.md");
        Directory.CreateDirectory(Path.GetDirectoryName(post)!);
        File.WriteAllText(Path.Combine(site, "hugo.toml"), "baseURL = 'https://example.org/'\n");
        File.WriteAllText(post, "---\ntitle: A\ntopic: first\n---\nOn {{< param topic >}}, see [b]({{< relref \"b.md\" >}}).\n");
        File.WriteAllText(other, "---\ntitle: B\n---\nB.\n");
        var options = new BuildOptions { Source = site, Output = Path.Combine(site, "public"), Emit = false };
        var cache = new BuildStore();
        var first = SiteBuilder.Run(options, store: cache);
        Assert.True(first.Succeeded);
        Assert.Contains("On first, see <a href=\"/posts/b/\">b</a>.", first.Content["content/posts/a.md"].Html);

        File.WriteAllText(post, "---\ntitle: A\ntopic: second\n---\nOn {{< param topic >}}, see [b]({{< relref \"b.md\" >}}).\n");
        File.WriteAllText(other, "---\ntitle: B\nslug: bee\n---\nB.\n");
        cache.Changed(["content/posts/a.md", "content/posts/b.md"]);
        var rebuilt = SiteBuilder.Run(options, store: cache);

        Assert.True(rebuilt.Succeeded);
        Assert.Contains("On second, see <a href=\"/posts/bee/\">b</a>.", rebuilt.Content["content/posts/a.md"].Html);
    }
}
