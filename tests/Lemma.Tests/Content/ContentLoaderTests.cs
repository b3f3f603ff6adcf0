using Lemma.Configuration;
using Lemma.Content;

namespace Lemma.Tests.Content;

/// <summary>Front matter in its three syntaxes, Hugo's and Jekyll's field names, and errors at their lines.</summary>
public class ContentLoaderTests
{
    private static readonly SiteConfig Config = new();

    private static PageSource Load(string path, string text)
    {
        var (page, diagnostics) = ContentLoader.Parse(path, text, Config);
        Assert.Empty(diagnostics);
        return page!;
    }

    private static string[] Errors(string path, string text) =>
        ContentLoader.Parse(path, text, Config).Diagnostics.Select(d => d.ToString()).ToArray();

    [Fact]
    public void Yaml_front_matter_gives_typed_fields_and_keeps_every_field_raw()
    {
        var page = Load("content/posts/a.md", """
            ---
            title: Attention
            date: 2024-05-01T10:00:00Z
            lastmod: 2024-06-01
            tags: [nlp, transformers]
            categories: AI / ML
            series: [Deep learning]
            series_order: 2
            featured: true
            aliases: [/old/]
            external_url: https://arxiv.org/abs/1706.03762
            status: in-progress
            toc: true
            cover: { image: cover.png }
            mood: curious
            ---
            Body line.
            """);
        var fm = page.FrontMatter;
        Assert.Equal("Attention", fm.Title);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero), fm.Date);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero), fm.Updated);
        Assert.Equal(["nlp", "transformers"], fm.Tags.ToArray());
        Assert.Equal(["AI / ML"], fm.Categories.ToArray());
        Assert.Equal("Deep learning", fm.Series);
        Assert.Equal(2, fm.SeriesOrder);
        Assert.True(fm.Featured);
        Assert.Equal(["/old/"], fm.Aliases.ToArray());
        Assert.Equal("https://arxiv.org/abs/1706.03762", fm.ExternalUrl);
        Assert.Equal("in-progress", fm.Status);
        Assert.True(fm.Display.Toc);
        Assert.Equal("cover.png", fm.Cover?.Image);
        Assert.Equal("curious", fm.Raw["mood"]);
        Assert.Equal(15, fm.KeyLines["mood"]);
        Assert.Equal("Body line.", page.Body);
        Assert.Equal(17, page.BodyLine);
    }

    [Fact]
    public void Toml_front_matter_reads_native_dates_and_arrays()
    {
        var page = Load("content/posts/t.md", "+++\ntitle = \"T\"\ndate = 2024-02-03T04:05:06Z\ntags = [\"a\", \"b\"]\ndraft = true\n+++\nBody\n");
        Assert.Equal("T", page.FrontMatter.Title);
        Assert.Equal(new DateTimeOffset(2024, 2, 3, 4, 5, 6, TimeSpan.Zero), page.FrontMatter.Date);
        Assert.Equal(["a", "b"], page.FrontMatter.Tags.ToArray());
        Assert.True(page.FrontMatter.Draft);
        Assert.Equal(4, page.FrontMatter.KeyLines["tags"]);
        Assert.Equal(7, page.BodyLine);
    }

    [Fact]
    public void Json_front_matter_is_an_object_at_the_top_of_the_file()
    {
        var page = Load("content/posts/j.md", "{\n  \"title\": \"J\",\n  \"tags\": [\"x\"]\n}\nBody\n");
        Assert.Equal("J", page.FrontMatter.Title);
        Assert.Equal(["x"], page.FrontMatter.Tags.ToArray());
        Assert.Equal("Body\n", page.Body);
        Assert.Equal(5, page.BodyLine);
    }

    [Theory]
    [InlineData("content/posts/2025-03-14-pi-day.md", "posts", "pi-day", "2025-03-14")]
    [InlineData("_posts/2024-01-02-hello.md", "posts", "hello", "2024-01-02")]
    [InlineData("content/posts/attention/index.md", "posts", "attention", null)]
    [InlineData("content/about.md", "", "about", null)]
    [InlineData("about.md", "", "about", null)]
    public void The_path_gives_section_slug_and_a_jekyll_date(string path, string section, string slug, string? date)
    {
        var page = Load(path, "---\ntitle: X\n---\n");
        Assert.Equal(section, page.Section);
        Assert.Equal(slug, page.FileSlug);
        Assert.Equal(date, page.FileDate?.ToString("yyyy-MM-dd"));
    }

    [Fact]
    public void A_bundle_index_knows_its_folder_and_an_underscore_index_is_its_sections_page()
    {
        Assert.Equal("content/posts/attention", Load("content/posts/attention/index.md", "---\ntitle: X\n---\n").BundleDir);
        var section = Load("content/posts/_index.md", "---\ntitle: Writing\n---\nIntro.\n");
        Assert.True(section.IsSectionIndex);
        Assert.Equal("posts", section.Section);
    }

    [Fact]
    public void A_jekyll_post_without_a_title_takes_it_from_its_name() =>
        Assert.Equal("Pi day", Load("_posts/2025-03-14-pi-day.md", "---\nlayout: post\n---\n").FrontMatter.Title);

    [Fact]
    public void A_page_without_a_title_that_opens_with_a_heading_takes_it_and_the_heading_leaves_the_body()
    {
        var page = Load("content/posts/e.md", "---\ndate: 2024-01-01\n---\n\n# The `fit` *function* #\n\nText.\n");
        Assert.Equal("The fit function", page.FrontMatter.Title);
        Assert.Equal(5, page.FrontMatter.KeyLines["title"]);
        Assert.Equal("\n\n\nText.\n", page.Body);
        // A heading after other text is not the title: the field is still required.
        Assert.Contains("content/posts/e.md:1:1: error: missing required field 'title'", Errors("content/posts/e.md", "---\ndate: 2024-01-01\n---\nIntro.\n\n# Heading\n"));
        Assert.Contains("content/posts/e.md:1:1: error: missing required field 'title'", Errors("content/posts/e.md", "```\n# comment\n```\n"));
    }

    [Theory]
    [InlineData("---\ndate: 2024-01-01\n---\n", "content/posts/e.md:1:1: error: missing required field 'title'")]
    [InlineData("---\ntitle: T\ndate: someday\n---\n", "content/posts/e.md:3:1: error: 'date': 'someday' is not a date (write 2024-05-01 or 2024-05-01T10:00:00Z)")]
    [InlineData("---\ntitle: T\ndraft: maybe\n---\n", "content/posts/e.md:3:1: error: 'draft' must be true or false")]
    [InlineData("---\ntitle: T\ntags: {a: 1}\n---\n", "content/posts/e.md:3:1: error: 'tags' must be a list")]
    [InlineData("---\ntitle: T\nexternal_url: not a url\n---\n", "content/posts/e.md:3:1: error: 'external_url' must be an absolute http(s) URL, not 'not a url'")]
    [InlineData("---\ntitle: T\n", "content/posts/e.md:1:1: error: front matter opened with --- is never closed")]
    public void Bad_front_matter_is_an_error_at_its_line(string text, string error) =>
        Assert.Contains(error, Errors("content/posts/e.md", text));

    [Fact]
    public void A_yaml_key_written_twice_is_a_warning_and_the_last_value_is_used()
    {
        // Hugo and Jekyll both read such front matter, taking the last value.
        var (page, diagnostics) = ContentLoader.Parse("content/posts/e.md", "---\ntitle: T\ndraft: true\ndraft: false\n---\n", Config);
        Assert.Equal("content/posts/e.md:4:1: warning: duplicate key 'draft': the last one is used", Assert.Single(diagnostics).ToString());
        Assert.False(page!.FrontMatter.Draft);
    }

    [Fact]
    public void Every_error_of_a_file_is_reported()
    {
        var errors = Errors("content/posts/e.md", "---\ntitle: T\ndate: someday\ndraft: maybe\n---\n");
        Assert.Equal(2, errors.Length);
    }

    [Fact]
    public void Toml_syntax_errors_point_into_the_file()
    {
        var error = Assert.Single(Errors("content/posts/e.md", "+++\ntitle = \"T\"\ndate = = 3\n+++\n"));
        Assert.StartsWith("content/posts/e.md:3:", error);
    }
}
