using Lemma.Configuration;

namespace Lemma.Tests.Content;

/// <summary>site.yaml, and Hugo's and Jekyll's configs read as they are.</summary>
public sealed class ConfigLoaderTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("lemma-config-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private ConfigResult Load(string name, string text)
    {
        File.WriteAllText(Path.Combine(root, name), text);
        return ConfigLoader.Load(root);
    }

    [Fact]
    public void Site_yaml_gives_every_setting()
    {
        var result = Load("site.yaml", """
            title: Notes
            base_url: https://example.org/blog
            author: { name: Ada, avatar: /a.svg, bio: Writes. }
            menu: [ { name: B, url: /b/, weight: 2 }, { name: A, url: /a/, weight: 1 } ]
            social: [ { name: GitHub, url: https://github.com/ada } ]
            home: [ intro, { kind: category, title: Python, category: Python, limit: 3 } ]
            taxonomies: { tags: tag, topics: topic }
            permalinks: { posts: "/:year/:slug/" }
            page_size: 7
            math: { macros: { RR: "\\mathbb{R}" } }
            highlight: { line_numbers: true, copy_button: false }
            """);
        Assert.Empty(result.Diagnostics);
        var c = result.Config;
        Assert.Equal("Notes", c.Title);
        Assert.Equal("https://example.org/blog/", c.BaseUrl);
        Assert.Equal("Ada", c.Author.Name);
        Assert.Equal(["A", "B"], c.Menu.Select(m => m.Name).ToArray());
        Assert.Equal("GitHub", Assert.Single(c.Social).Name);
        Assert.Equal(["intro", "category"], c.Home.Select(h => h.Kind).ToArray());
        Assert.Equal("Python", c.Home[1].Settings["category"]);
        Assert.Equal("topic", c.Taxonomies["topics"]);
        Assert.Equal("/:year/:slug/", c.Permalinks["posts"]);
        Assert.Equal(7, c.PageSize);
        Assert.Equal("\\mathbb{R}", c.MathMacros["RR"]);
        Assert.True(c.Highlight.LineNumbers);
        Assert.False(c.Highlight.CopyButton);
    }

    [Fact]
    public void The_comments_and_smtp_blocks_give_their_settings_and_a_password_in_the_config_is_an_error()
    {
        var c = Load("site.yaml", """
            title: Notes
            comments:
              moderation: all
              close_after: 30
              notify: writer@example.org
              blocked_words: [casino, "cheap pills"]
              blocked_domains: spam.example
              max_links: 1
            smtp: { host: mail.example.org, port: 2525, user: me, from: blog@example.org }
            """).Config;
        Assert.True(c.Comments.Enabled);
        Assert.Equal(Moderation.All, c.Comments.Moderation);
        Assert.Equal(30, c.Comments.CloseAfterDays);
        Assert.Equal("writer@example.org", c.Comments.Notify);
        Assert.Equal(["casino", "cheap pills"], c.Comments.BlockedWords.ToArray());
        Assert.Equal(["spam.example"], c.Comments.BlockedDomains.ToArray());
        Assert.Equal(1, c.Comments.MaxLinks);
        Assert.Equal("data/comments.db", c.Comments.Database);
        Assert.Equal(("mail.example.org", 2525, "me", "blog@example.org"), (c.Smtp.Host, c.Smtp.Port, c.Smtp.User, c.Smtp.From));

        Assert.False(Load("site.yaml", "title: Notes\n").Config.Comments.Enabled);
        Assert.Equal(Moderation.First, Load("site.yaml", "comments: true\n").Config.Comments.Moderation);
        var wrong = Load("site.yaml", "comments: { moderation: sometimes }\nsmtp: { host: h, password: hunter2 }\n");
        Assert.Contains(wrong.Diagnostics, d => d.Message.Contains("comments.moderation must be all, first or none"));
        Assert.Contains(wrong.Diagnostics, d => d.Message.Contains("LEMMA_SMTP_PASSWORD") && !d.Message.Contains("hunter2"));
    }

    [Fact]
    public void The_newsletter_block_turns_subscriptions_on_with_its_settings()
    {
        Assert.False(Load("site.yaml", "title: Notes\n").Config.Newsletter.Enabled);
        Assert.True(Load("site.yaml", "newsletter: true\n").Config.Newsletter.Enabled);
        var c = Load("site.yaml", "title: Notes\nnewsletter:\n  name: Notes Weekly\n  per_ip: 2\n").Config.Newsletter;
        Assert.Equal((true, "Notes Weekly", 2, 1), (c.Enabled, c.Name, c.PerIpPer10Minutes, c.MailEveryHours));
        // Sending: four in flight, no rate limit, bounced at the first hard bounce, unless it says otherwise.
        Assert.Equal((4, 0, 1), (c.Concurrency, c.Rate, c.BounceAfter));
        var sending = Load("site.yaml", "newsletter: { concurrency: 8, rate: 50, bounce_after: 3 }\n").Config.Newsletter;
        Assert.Equal((8, 50, 3), (sending.Concurrency, sending.Rate, sending.BounceAfter));
        Assert.False(Load("site.yaml", "newsletter: { enabled: false, name: N }\n").Config.Newsletter.Enabled);
        // A Hugo site's newsletter: belongs to its theme (a Mailchimp form), not to Lemma.
        Assert.False(Load("hugo.toml", "title = 'Notes'\nnewsletter = true\n").Config.Newsletter.Enabled);
    }

    [Theory]
    [InlineData("title: T\nnewsletter: soon\n", "site.yaml:2:1: error: newsletter must be true, false or a map of settings")]
    [InlineData("title: T\nnewsletter:\n  per_ip: 0\n", "site.yaml:2:1: error: newsletter.per_ip must be at least 1")]
    [InlineData("title: T\nnewsletter:\n  concurrency: 0\n", "site.yaml:2:1: error: newsletter.concurrency must be at least 1")]
    [InlineData("title: T\nnewsletter:\n  rate: -1\n", "site.yaml:2:1: error: newsletter.rate must be at least 0")]
    [InlineData("title: T\nnewsletter:\n  rate: fast\n", "site.yaml:2:1: error: newsletter.rate must be a whole number")]
    [InlineData("title: T\nnewsletter:\n  bounce_after: 0\n", "site.yaml:2:1: error: newsletter.bounce_after must be at least 1")]
    [InlineData("title: T\nnewsletter:\n  name: \"Notes\\nBcc: eve@example.org\"\n", "site.yaml:2:1: error: newsletter.name must be one line")]
    public void A_wrong_newsletter_block_is_an_error_at_its_line(string text, string error) =>
        Assert.Contains(Load("site.yaml", text).Diagnostics, d => d.ToString().StartsWith(error, StringComparison.Ordinal));

    [Theory]
    [InlineData("comments.db")]
    [InlineData("static/comments.db")]
    [InlineData("data/../comments.db")]
    public void A_comment_database_where_the_site_is_published_from_is_an_error(string path)
    {
        var result = Load("site.yaml", $"title: T\ncomments: {{ database: {path} }}\n");
        Assert.Contains(result.Diagnostics, d => d.IsError && d.Message.Contains("would be published"));
        Assert.Equal("data/comments.db", result.Config.Comments.Database);
    }

    [Theory]
    [InlineData("https://comments.example.org", "https://comments.example.org")]
    [InlineData("https://comments.example.org/", "https://comments.example.org")]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080")]
    [InlineData("javascript:alert(1)", "")]
    [InlineData("https://comments.example.org/blog/", "")]
    [InlineData("ftp://comments.example.org", "")]
    public void The_comment_server_of_a_site_hosted_elsewhere_is_an_http_origin(string server, string expected)
    {
        var result = Load("site.yaml", $"title: T\ncomments: {{ server: '{server}' }}\n");
        Assert.Equal(expected, result.Config.Comments.Server);
        Assert.Equal(expected.Length == 0, result.Diagnostics.Any(d => d.IsError && d.Message.Contains("comments.server must be")));
    }

    [Fact]
    public void A_jekyll_themes_comments_provider_does_not_turn_lemmas_comments_on()
    {
        var result = Load("_config.yml", "title: T\ncomments:\n  provider: disqus\n  disqus: { shortname: t }\n");
        Assert.Empty(result.Diagnostics.Where(d => d.IsError));
        Assert.False(result.Config.Comments.Enabled);
    }

    [Fact]
    public void A_hugo_config_is_read_with_hugos_names()
    {
        var c = Load("hugo.toml", """
            baseURL = "https://blog.example.org/"
            languageCode = "en-us"
            title = "Bench"
            paginate = 10
            [taxonomies]
            tag = "tags"
            series = "series"
            [params]
            description = "From params"
            """).Config;
        Assert.Equal("https://blog.example.org/", c.BaseUrl);
        Assert.Equal("en-us", c.Language);
        Assert.Equal(10, c.PageSize);
        Assert.Equal("tag", c.Taxonomies["tags"]);
        Assert.Equal("series", c.Taxonomies["series"]);
        Assert.Equal("From params", c.Description);
    }

    [Fact]
    public void A_jekyll_config_joins_url_and_baseurl() =>
        Assert.Equal("https://ada.github.io/notes/", Load("_config.yml", "title: T\nurl: https://ada.github.io\nbaseurl: /notes\n").Config.BaseUrl);

    [Fact]
    public void A_jekyll_baseurl_without_url_is_a_path_under_the_default_host()
    {
        var result = Load("_config.yml", "title: T\nbaseurl: /lil-log\n");
        Assert.Empty(result.Diagnostics);
        Assert.Equal("http://localhost/lil-log/", result.Config.BaseUrl);
    }

    [Theory]
    [InlineData("title: T\nbase_url: example.org\n", "site.yaml:2:1: error: base_url must be an absolute http(s) URL, not 'example.org'")]
    [InlineData("title: T\npage_size: many\n", "site.yaml:2:1: error: page_size must be a whole number")]
    [InlineData("title: T\nhome: [ { kind: carousel } ]\n", "site.yaml:2:1: error: home block kind must be one of intro, featured, category, tag, section, research, data, recent, trending, connect; got 'carousel'")]
    [InlineData("title: [T\n", "site.yaml:1:")]
    public void Config_errors_name_the_file_and_line(string text, string error) =>
        Assert.Contains(Load("site.yaml", text).Diagnostics, d => d.ToString().StartsWith(error, StringComparison.Ordinal));
}
