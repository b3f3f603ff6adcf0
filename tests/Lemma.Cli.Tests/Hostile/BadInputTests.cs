using System.Text;
using System.Xml.Linq;

namespace Lemma.Cli.Tests.Hostile;

/// <summary>
/// Content that is broken, hostile or absurd (issue #14): each is a diagnostic at its path, line and column, the build
/// stays contained and fails without writing, and another, independent error of the same run is still reported.
/// </summary>
public class BadInputTests
{
    private const string Config = "-- site.yaml --\ntitle: T\nbase_url: https://example.org/\n";

    /// <summary>A second problem in every site below: the run must report it too.</summary>
    private const string Other = "-- content/posts/zz-other.md --\n---\ndate: 2024-01-01\n---\nNo title.\n";

    /// <summary>Billion laughs: each level a list of nine aliases to the level before.</summary>
    private static string AliasBomb(int levels)
    {
        var text = new StringBuilder("a0: &a0 [" + string.Join(",", Enumerable.Repeat("\"lol\"", 9)) + "]\n");
        for (var i = 1; i < levels; i++) text.Append($"a{i}: &a{i} [{string.Join(",", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        return text.ToString();
    }

    private static string Post(string frontMatter, string body = "Body.\n") => $"-- content/posts/a.md --\n---\n{frontMatter}---\n{body}";

    // An alias bomb stops at the alias that passes the bound: level 5's first alias is where 100,000 values are passed,
    // on the sixth line of the bomb.
    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "alias bomb in front matter", Config + Post("title: A\n" + AliasBomb(9)), "content/posts/a.md:8:", "once expanded" },
        { "alias bomb in site.yaml", Config + AliasBomb(8), "site.yaml:8:", "once expanded" },
        { "alias bomb in a data file", Config + "-- data/laughs.yaml --\n" + AliasBomb(9), "data/laughs.yaml:6:", "once expanded" },
        { "YAML nested past the bound", Config + Post("title: A\nx: " + new string('[', 1000) + new string(']', 1000) + "\n"), "content/posts/a.md:3:", "nest deeper than 64" },
        { "unclosed [ in front matter", Config + Post("title: A\ntags: [a, b\n"), "content/posts/a.md:3:", "flow sequence" },
        { "unclosed { in front matter", Config + Post("title: {\n"), "content/posts/a.md:2:", "node content" },
        { "unclosed [ in site.yaml", Config + "menu: [\n", "site.yaml:3:", "node content" },
        { "unclosed { in site.yaml", Config + "social: {github: x\n", "site.yaml:3:", "flow mapping" },
        { "duplicate keys in JSON front matter", Config + "-- content/posts/a.md --\n{\n  \"title\": \"A\",\n  \"title\": \"B\"\n}\nBody\n", "content/posts/a.md:3:3:", "duplicate key 'title'" },
        { "a lone surrogate in JSON front matter", Config + "-- content/posts/a.md --\n{\n  \"title\": \"A \\ud800 B\"\n}\nBody\n", "content/posts/a.md:2:15:", "surrogate" },
        { "duplicate keys in TOML front matter", Config + "-- content/posts/a.md --\n+++\ntitle = \"A\"\ntitle = \"B\"\n+++\nBody\n", "content/posts/a.md:3:1:", "already defined at line 2" },
        { "a table opened twice in TOML", Config + "-- content/posts/a.md --\n+++\ntitle = \"A\"\n[t]\nx = 1\n[t]\ny = 2\n+++\nBody\n", "content/posts/a.md:5:1:", "already defined" },
        { "TOML nested past the bound", Config + "-- content/posts/a.md --\n+++\ntitle = \"A\"\nx = " + new string('[', 500) + "\n+++\nBody\n", "content/posts/a.md:", "depth" },
        { "duplicate keys in a TOML data file", Config + "-- data/d.toml --\na = 1\na = 2\n", "data/d.toml:2:1:", "already defined" },
        { "duplicate keys in a JSON data file", Config + "-- data/d.json --\n{\"a\": 1,\n \"a\": 2}\n", "data/d.json:2:2:", "duplicate key 'a'" },
        { "quotes nested 10,000 deep", Config + Post("title: A\n", new string('>', 10_000) + " deep\n"), "content/posts/a.md:4:65:", "nest deeper than 64" },
        { "lists nested 2,000 deep", Config + Post("title: A\n", string.Concat(Enumerable.Range(0, 2000).Select(i => new string(' ', 2 * i) + "- x\n"))), "content/posts/a.md:68:", "nest deeper than 64" },
        { "emphasis nested 20,000 deep", Config + Post("title: A\n", new string('*', 20_000) + "a" + new string('*', 20_000) + "\n"), "content/posts/a.md:4:1:", "nested too deeply" },
        { "YAML that stops YamlDotNet's scanner (found by fuzzing)", Config + Post("title: A\nparams: {a: [1, {b]\nz: 1\n"), "content/posts/a.md:3:", "cannot be read" },
        { "a missing include in a layout", Config + Post("title: A\n") + "-- layouts/single.liquid --\n<main>\n  {% include 'nowhere' %}\n</main>\n", "layouts/single.liquid:2:3:", "include 'nowhere'" },
        { "blocks nested 5,000 deep in a layout", Config + Post("title: A\n") + "-- layouts/single.liquid --\n<main>\n" + string.Concat(Enumerable.Repeat("{% if true %}", 5000)) + "x" + string.Concat(Enumerable.Repeat("{% endif %}", 5000)) + "\n", "layouts/single.liquid:2:833:", "nest deeper than 64" },
        { "brackets nested 5,000 deep in a layout", Config + Post("title: A\n") + "-- layouts/single.liquid --\n{{ " + new string('(', 5000) + "1" + new string(')', 5000) + " }}\n", "layouts/single.liquid:1:1:", "brackets nest deeper" },
        { "20,000 filters in a layout", Config + Post("title: A\n") + "-- layouts/single.liquid --\n{{ x" + string.Concat(Enumerable.Repeat(" | append: 1", 20_000)) + " }}\n", "layouts/single.liquid:1:1:", "more than 100 filters" },
        { "a BibTeX value nested 100,000 braces deep", Config + "-- references.bib --\n@article{a, title = " + new string('{', 100_000) + "x" + new string('}', 100_000) + "}\n@article{b, title = {" + string.Concat(Enumerable.Repeat("\\emph{", 100_000)) + "}}\n", "references.bib:2:", "never closed" },
        { "a javascript: menu URL", Config + "menu:\n  - name: Home\n    url: /\n  - name: Evil\n    url: \"javascript:alert(1)\"\n", "site.yaml:7:", "javascript:alert(1)" },
        { "a vbscript: social URL", Config + "social:\n  github: https://github.com/x\n  evil: \"vbscript:msgbox(1)\"\n", "site.yaml:5:", "vbscript:" },
        { "a data: avatar URL", Config + "author:\n  name: A\n  avatar: \"data:text/html,<script>alert(1)</script>\"\n", "site.yaml:5:", "data:text/html" },
        { "a scheme hidden by a tab", Config + "menu:\n  - name: Evil\n    url: \"java\\tscript:alert(1)\"\n", "site.yaml:5:", "not a link the site may show" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_input_is_an_error_at_its_position_and_the_other_errors_of_the_run_are_still_reported(string name, string site, string position, string words)
    {
        using var sandbox = Sandbox.With(site + Other);
        var run = sandbox.Build().AssertErrorAt(position, words).AssertErrorAt("content/posts/zz-other.md:1:1:", "missing required field 'title'");
        Assert.True(run.ErrorLines.All(l => !l.Contains("internal error", StringComparison.Ordinal)), name + "\n" + run.Run);
    }

    public static TheoryData<string, byte[], string> NotText => new()
    {
        { "UTF-16 without a byte order mark", Encoding.Unicode.GetBytes("---\ntitle: A\n---\nBody\n"), "content/posts/a.md:1:2:" },
        { "a PNG saved as .md", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D], "content/posts/a.md:1:1:" },
        { "Latin-1 after a line of ASCII", [.. "---\ntitle: Caf"u8, 0xE9, .. "\n---\n"u8], "content/posts/a.md:2:11:" },
    };

    [Fact]
    public void A_layout_that_is_not_utf8_is_an_error_at_its_first_bad_byte()
    {
        using var sandbox = Sandbox.With(Config + Other);
        Directory.CreateDirectory(Path.Combine(sandbox.Site.Root, "layouts"));
        File.WriteAllBytes(Path.Combine(sandbox.Site.Root, "layouts/single.liquid"), Encoding.Unicode.GetBytes("<main>{{ page.title }}</main>"));
        sandbox.Build().AssertErrorAt("layouts/single.liquid:1:2:", "not UTF-8 text").AssertErrorAt("content/posts/zz-other.md:1:1:", "title");
    }

    [Fact]
    public void A_bibliography_that_is_not_utf8_is_an_error_at_its_first_bad_byte()
    {
        using var sandbox = Sandbox.With(Config + Other);
        File.WriteAllBytes(Path.Combine(sandbox.Site.Root, "references.bib"), [.. "@article{a,\n  title = {Caf"u8, 0xE9, .. "}}\n"u8]);
        sandbox.Build().AssertErrorAt("references.bib:2:15:", "not UTF-8 text").AssertErrorAt("content/posts/zz-other.md:1:1:", "title");
    }

    [Theory]
    [MemberData(nameof(NotText))]
    public void A_file_that_is_not_utf8_text_is_an_error_at_its_first_bad_byte(string name, byte[] bytes, string position)
    {
        using var sandbox = Sandbox.With(Config + Other);
        File.WriteAllBytes(Path.Combine(sandbox.Site.Root, "content/posts/a.md"), bytes);
        sandbox.Build().AssertErrorAt(position, "not UTF-8 text").AssertErrorAt("content/posts/zz-other.md:1:1:", "title");
        Assert.NotEmpty(name);
    }

    [Fact]
    public void A_utf16_file_with_its_byte_order_mark_is_read()
    {
        using var sandbox = Sandbox.With(Config);
        Directory.CreateDirectory(Path.Combine(sandbox.Site.Root, "content/posts"));
        File.WriteAllBytes(Path.Combine(sandbox.Site.Root, "content/posts/a.md"), [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("---\ntitle: Wide\n---\nBody\n")]);
        sandbox.Build().AssertContained();
        Assert.Contains("Wide", File.ReadAllText(Path.Combine(sandbox.Output, "posts/a/index.html")));
    }

    [Theory]
    [InlineData("JSON", "-- content/posts/a.md --\n{\n  \"title\": \"A\",\n  \"x\": [1,\n}\nBody\n", "content/posts/a.md:4:1:")]
    [InlineData("TOML", "-- content/posts/a.md --\n+++\ntitle = \"A\n+++\nBody\n", "content/posts/a.md:2:")]
    [InlineData("YAML", "-- content/posts/a.md --\n---\ntitle: [A\n---\nBody\n", "content/posts/a.md:2:")]
    public void Parse_errors_do_not_repeat_the_parsers_own_position(string format, string post, string position)
    {
        using var sandbox = Sandbox.With(Config + post);
        var run = sandbox.Build().AssertErrorAt(position, "");
        var line = Assert.Single(run.ErrorLines, l => l.StartsWith(position, StringComparison.Ordinal));
        var message = line[(line.IndexOf(": error: ", StringComparison.Ordinal) + 9)..];
        Assert.DoesNotMatch(@"LineNumber|BytePosition|\(\d+,\d+\)|\(Line: |at line \d+, column", message);
        Assert.NotEmpty(format);
    }

    [Fact]
    public void Control_characters_in_a_title_and_a_tag_are_a_warning_and_left_out_of_feeds()
    {
        using var sandbox = Sandbox.With(Config + "-- content/posts/a.md --\n---\ntitle: \"Bell\\x07 and \\x01 start\"\ntags: [\"ok\", \"b\\x01d\"]\ndate: 2024-01-01\n---\nBody with a \u0001 too.\n");
        sandbox.Build().AssertWarningAt("content/posts/a.md:2:1:", "U+0007").AssertWarningAt("content/posts/a.md:3:1:", "U+0001");
        foreach (var feed in new[] { "index.xml", "atom.xml" })
        {
            var xml = XDocument.Load(Path.Combine(sandbox.Output, feed));
            Assert.Contains(xml.Descendants(), e => e.Value == "Bell and  start");
        }
        Assert.Contains("Bell and  start", File.ReadAllText(Path.Combine(sandbox.Output, "feed.json")));
    }

    [Fact]
    public void A_control_character_in_a_title_warns_and_another_error_of_the_run_is_still_reported()
    {
        using var sandbox = Sandbox.With(Config + Other + "-- content/posts/a.md --\n---\ntitle: \"A\\x01\"\n---\nBody\n");
        sandbox.Build().AssertWarningAt("content/posts/a.md:2:1:", "U+0001").AssertErrorAt("content/posts/zz-other.md:1:1:", "title");
    }

    [Fact]
    public void A_site_without_a_config_file_builds_with_a_warning_about_its_base_url()
    {
        using var sandbox = Sandbox.With("-- content/posts/a.md --\n---\ntitle: A\n---\nBody\n");
        var run = sandbox.Build().AssertWarningAt("site.yaml:1:1:", "no config file");
        Assert.Equal(LemmaApp.Ok, run.ExitCode);
    }

    [Fact]
    public void Safe_menu_social_and_avatar_urls_are_accepted()
    {
        using var sandbox = Sandbox.With(Config + "author:\n  name: A\n  avatar: /me.png\nmenu:\n  - {name: Home, url: /}\n  - {name: Mail, url: \"mailto:a@example.org\"}\n"
            + "  - {name: Top, url: \"#top\"}\n  - {name: About, url: about/}\n  - {name: Call, url: \"tel:+123\"}\nsocial:\n  github: https://github.com/x\n"
            + "-- content/posts/a.md --\n---\ntitle: A\n---\nBody\n");
        var run = sandbox.Build().AssertContained();
        Assert.Equal(LemmaApp.Ok, run.ExitCode);
    }

    [Fact]
    public void Two_hundred_thousand_formulas_build_in_bounded_time_with_a_warning_past_the_cap()
    {
        using var sandbox = Sandbox.With(Config + Post("title: A\n", string.Join(' ', Enumerable.Repeat("$x$", 200_000)) + "\n"));
        var started = DateTime.UtcNow;
        var run = sandbox.Build().AssertWarningAt("content/posts/a.md:4:40002:", "more than 10,000 formulas");
        run.AssertWarningAt("content/posts/a.md:4:1:", "summary");
        Assert.Equal(LemmaApp.Ok, run.ExitCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30), $"took {DateTime.UtcNow - started}");
    }

    // Found by fuzzing: brackets past the Python lexer's stack, nested f-strings that overflowed the process's stack,
    // and long lines that took TextMate grammars minutes.
    [Theory]
    [InlineData("python", "x = ", "(", 2000)]
    [InlineData("python", "x = ", "f\"{", 20_000)]
    [InlineData("css", "", "1. ", 5000)]
    [InlineData("js", "", "f\"{", 5000)]
    public void Pathological_code_blocks_highlight_in_bounded_time(string language, string start, string repeated, int times)
    {
        var root = Directory.CreateTempSubdirectory("lemma-code-").FullName;
        try
        {
            var format = Lemma.Build.ContentFormats.Create(new Lemma.Configuration.SiteConfig(), root)[0];
            var body = $"```{language}\n{start}{string.Concat(Enumerable.Repeat(repeated, times))}\n```\n";
            var started = DateTime.UtcNow;
            var rendered = ((Lemma.Markdown.MarkdownFormat)format).Render("content/posts/a.md", body, 4);
            Assert.Empty(rendered.Diagnostics);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), $"took {DateTime.UtcNow - started}");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_new_post_titled_with_a_newline_and_control_characters_reads_back_as_its_title()
    {
        using var sandbox = Sandbox.With(Config);
        var title = "Line one\nline \"two\" \\ \t\u0007end";
        var created = sandbox.Site.Lemma("new", "post", title, "--source", sandbox.Site.Root);
        Assert.Equal(LemmaApp.Ok, created.ExitCode);
        var file = Assert.Single(Directory.GetFiles(Path.Combine(sandbox.Site.Root, "content/posts")));
        Assert.Contains("title: \"Line one\\nline \\\"two\\\" \\\\ \\t\\u0007end\"", File.ReadAllText(file));
        // Drafts build with --drafts; the bell is a warning and left out, the rest of the title is intact.
        var run = sandbox.Build("--drafts").AssertWarningAt("content/posts/", "U+0007");
        Assert.Equal(LemmaApp.Ok, run.ExitCode);
    }
}
