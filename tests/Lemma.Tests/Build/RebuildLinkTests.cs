using Lemma.Build;
using Lemma.Model;

namespace Lemma.Tests.Build;

/// <summary>A rebuild in the same process (`lemma serve`) checks a changed file's links as a first build does.</summary>
public sealed class RebuildLinkTests : IDisposable
{
    private readonly string sandbox = Directory.CreateTempSubdirectory("lemma-rebuild-").FullName;

    public void Dispose() => Directory.Delete(sandbox, recursive: true);

    [Fact]
    public void A_content_file_replaced_by_a_link_out_of_the_site_is_an_error_on_the_rebuild()
    {
        var site = Path.Combine(sandbox, "site");
        var post = Path.Combine(site, "content/posts/a.md");
        Directory.CreateDirectory(Path.GetDirectoryName(post)!);
        File.WriteAllText(Path.Combine(site, "site.yaml"), "title: T\nbase_url: https://example.org/\n");
        File.WriteAllText(post, "---\ntitle: A\n---\nBody\n");
        File.WriteAllText(Path.Combine(sandbox, "secret.md"), "---\ntitle: precious\n---\nprecious\n");
        var options = new BuildOptions { Source = site, Output = Path.Combine(site, "public"), Emit = false };
        var cache = new BuildStore();
        Assert.True(SiteBuilder.Run(options, store: cache).Succeeded);

        File.Delete(post);
        File.CreateSymbolicLink(post, Path.Combine(sandbox, "secret.md"));
        cache.Changed(["content/posts/a.md"]);
        var rebuilt = SiteBuilder.Run(options, store: cache);

        Assert.False(rebuilt.Succeeded);
        Assert.Contains(rebuilt.Diagnostics, d => d.IsError && d.ToString().StartsWith("content/posts/a.md:1:1: error: ", StringComparison.Ordinal));
        Assert.DoesNotContain(rebuilt.Site.Pages, p => p.Title == "precious");
    }

    [Fact]
    public void A_math_flag_added_to_a_hugo_page_s_front_matter_changes_its_rendering_on_the_rebuild()
    {
        var site = Path.Combine(sandbox, "hugo");
        var post = Path.Combine(site, "content/posts/a.md");
        Directory.CreateDirectory(Path.GetDirectoryName(post)!);
        File.WriteAllText(Path.Combine(site, "hugo.toml"), "baseURL = 'https://example.org/'\ntitle = 'T'\n");
        File.WriteAllText(post, "---\ntitle: A\n---\nLet $a\\_b$ be.\n");
        var options = new BuildOptions { Source = site, Output = Path.Combine(site, "public"), Emit = false };
        var cache = new BuildStore();
        Assert.DoesNotContain("<msub>", SiteBuilder.Run(options, store: cache).Content.Values.Single().Html);

        File.WriteAllText(post, "---\ntitle: A\nmath: true\n---\nLet $a\\_b$ be.\n");
        cache.Changed(["content/posts/a.md"]);
        Assert.Contains("<msub>", SiteBuilder.Run(options, store: cache).Content.Values.Single().Html);
    }
}
