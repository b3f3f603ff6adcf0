using System.IO.Compression;
using System.Net;

namespace Lemma.Server.Tests;

/// <summary>`lemma serve --production`: what real readers and their caches get.</summary>
public class ProductionTests
{
    private static readonly Dictionary<string, string> Site = new()
    {
        ["site.yaml"] = "title: Served\nbase_url: https://example.org/\n",
        ["content/posts/a.md"] = "---\ntitle: A\ndate: 2024-01-01\n---\n\n" + string.Concat(Enumerable.Repeat("Words worth compressing. ", 80)) + "\n",
        ["content/posts/draft.md"] = "---\ntitle: Unfinished\ndate: 2024-01-02\ndraft: true\n---\n\nSoon.\n",
    };

    [Fact]
    public async Task No_drafts_no_preview_script_and_no_event_stream()
    {
        await using var site = await ServedSite.Start(Site, production: true);
        Assert.DoesNotContain("/_lemma/", await site.Get("posts/a/"));
        Assert.Equal(HttpStatusCode.NotFound, (await site.Http.GetAsync("posts/draft/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Http.GetAsync("_lemma/events")).StatusCode);
    }

    [Fact]
    public async Task Security_and_cache_headers_are_set()
    {
        await using var site = await ServedSite.Start(Site, production: true);
        var response = await site.Http.GetAsync("posts/a/");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task The_policy_header_names_the_hosts_site_yaml_adds_as_the_pages_meta_does()
    {
        var files = new Dictionary<string, string>(Site) { ["site.yaml"] = "title: Served\nbase_url: https://example.org/\ncsp: { embeds: [youtube] }\n" };
        await using var site = await ServedSite.Start(files, production: true);
        var response = await site.Http.GetAsync("posts/a/");
        var header = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-src 'self' https://www.youtube-nocookie.com https://www.youtube.com", header);
        var meta = System.Text.RegularExpressions.Regex.Match(await response.Content.ReadAsStringAsync(), "http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\"").Groups[1].Value;
        Assert.Equal(header, WebUtility.HtmlDecode(meta) + "; frame-ancestors 'none'");
    }

    [Fact]
    public async Task A_matching_etag_gets_304_and_head_gets_headers_without_a_body()
    {
        await using var site = await ServedSite.Start(Site, production: true);
        var first = await site.Http.GetAsync("posts/a/");
        var conditional = new HttpRequestMessage(HttpMethod.Get, "posts/a/");
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await site.Http.SendAsync(conditional)).StatusCode);

        var head = await site.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "posts/a/"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Only_get_and_head_are_answered()
    {
        await using var site = await ServedSite.Start(Site, production: true);
        var response = await site.Http.PostAsync("posts/a/", new StringContent("x"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Pages_revalidate_and_hashed_assets_are_cached_for_a_year()
    {
        await using var site = await ServedSite.Start(Site, production: true);
        var page = await site.Http.GetAsync("posts/a/");
        Assert.Equal("public, max-age=0, must-revalidate", page.Headers.NonValidated["Cache-Control"].ToString());
        var stylesheet = site.Server.Host.Current.Files.Keys.First(p => p.StartsWith("assets/", StringComparison.Ordinal) && p.EndsWith(".css", StringComparison.Ordinal));
        var hashed = await site.Http.GetAsync(stylesheet + "?v=1");
        Assert.Equal(HttpStatusCode.OK, hashed.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", hashed.Headers.NonValidated["Cache-Control"].ToString());
        Assert.Equal("Accept-Encoding", hashed.Headers.Vary.Single());
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Text_is_compressed_for_clients_that_accept_it(string encoding)
    {
        await using var site = await ServedSite.Start(Site, production: true);
        var plain = await site.Get("posts/a/");
        var request = new HttpRequestMessage(HttpMethod.Get, "posts/a/");
        request.Headers.AcceptEncoding.ParseAdd(encoding);
        var response = await site.Http.SendAsync(request);
        Assert.Equal(encoding, response.Content.Headers.ContentEncoding.Single());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length < plain.Length);
        using Stream decoder = encoding == "br"
            ? new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        Assert.Equal(plain, new StreamReader(decoder).ReadToEnd());
    }

    [Fact]
    public async Task Unknown_paths_get_the_sites_404_page_and_folders_redirect_to_their_slash()
    {
        await using var site = await ServedSite.Start(Site, production: true);
        var missing = await site.Http.GetAsync("no/such/page/");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("<html", await missing.Content.ReadAsStringAsync());
        var redirect = await site.Http.GetAsync("posts/a");
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("/posts/a/", redirect.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await site.Http.GetAsync("../site.yaml")).StatusCode);
    }

    [Fact]
    public async Task Production_answers_any_host_name_as_it_sits_behind_a_proxy()
    {
        await using var site = await ServedSite.Start(Site, production: true);
        var request = new HttpRequestMessage(HttpMethod.Get, "posts/a/");
        request.Headers.Host = "blog.example.org";
        Assert.Equal(HttpStatusCode.OK, (await site.Http.SendAsync(request)).StatusCode);
    }
}
