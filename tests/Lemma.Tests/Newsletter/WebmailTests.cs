using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Ganss.Xss;
using Lemma.Model;
using Lemma.Newsletter;

namespace Lemma.Tests.Newsletter;

/// <summary>
/// The email of examples/blog's online-softmax post (code in three languages, inline and display math) after it passes
/// through sanitizers set up like the mail clients that strip the most: every paragraph, code line and formula is still
/// there to read.
/// </summary>
public sealed partial class WebmailTests
{
    private static readonly string Blog = Path.Combine(RepoRoot(), "examples", "blog");
    private static readonly string Markdown = File.ReadAllText(Path.Combine(Blog, "content", "posts", "online-softmax.md"));
    private static readonly PostEmail Email = NewsletterQueries.Make(new BuildOptions { Source = Blog, Output = Path.Combine(Blog, "public"), Emit = false }, "/posts/online-softmax/").Email!;

    /// <summary>How a client treats HTML it receives, as a sanitizer: what it keeps, and whether an element it drops
    /// leaves its text behind (Gmail and Outlook do: the source of "eiπ+1=0e^{i\pi}+1=0").</summary>
    public static TheoryData<string> Clients => ["gmail", "outlook", "no styles"];

    private static HtmlSanitizer Client(string name)
    {
        var sanitizer = new HtmlSanitizer { KeepChildNodes = true, AllowDataAttributes = false };
        foreach (var tag in (string[])["style", "math", "svg", "form", "button", "input", "link"]) sanitizer.AllowedTags.Remove(tag);
        sanitizer.AllowedAttributes.Remove("class");
        sanitizer.AllowedAttributes.Remove("id");
        sanitizer.AllowedSchemes.Add("mailto");
        switch (name)
        {
            case "outlook":
                // Word's engine: colours, fonts, margins and borders; no max-width, radius, overflow or white-space.
                foreach (var property in (string[])["max-width", "border-radius", "overflow-x", "overflow-wrap", "white-space", "display", "word-wrap", "table-layout"])
                    sanitizer.AllowedCssProperties.Remove(property);
                break;
            case "no styles":
                sanitizer.AllowedAttributes.Remove("style");
                break;
        }
        return sanitizer;
    }

    private static string Shown(string client)
    {
        var html = Email.Html.Replace(PostEmail.UnsubscribeSlot, "https://example.org/_lemma/newsletter/unsubscribe?token=abc&amp;id=1");
        var sanitized = Client(client).Sanitize(html);
        Assert.DoesNotContain("<math", sanitized); // sanity of the profile itself
        return sanitized;
    }

    private static string Flat(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries));

    [Theory]
    [MemberData(nameof(Clients))]
    public void Every_paragraph_of_the_email_is_still_there(string client)
    {
        var before = new HtmlParser().ParseDocument(Email.Html).QuerySelectorAll("p, h2, li").Select(p => Flat(p.TextContent)).ToList();
        var after = Flat(new HtmlParser().ParseFragment(Shown(client), new HtmlParser().ParseDocument("").Body!).Select(n => n.TextContent).Aggregate("", string.Concat));
        Assert.True(before.Count > 10);
        Assert.All(before, p => Assert.Contains(p, after));
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public void Every_code_line_of_the_post_is_still_there_line_for_line(string client)
    {
        var document = new HtmlParser().ParseDocument("<body>" + Shown(client) + "</body>");
        var shown = string.Join('\n', document.QuerySelectorAll("pre").Select(p => p.TextContent));
        var lines = CodeLines().Matches(Markdown).SelectMany(m => m.Groups[1].Value.Split('\n')).Where(l => l.Trim().Length > 0).ToList();
        Assert.True(lines.Count > 30);
        Assert.All(lines, line => Assert.Contains(line.TrimEnd(), shown));
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public void Every_formula_reads_as_its_TeX_and_none_as_MathML_text_run_into_TeX(string client)
    {
        // A display formula of several lines keeps them, between $$ lines of their own.
        static string Tight(string text) => Flat(text).Replace("$$ ", "$$").Replace(" $$", "$$");
        var shown = Tight(new HtmlParser().ParseDocument("<body>" + Shown(client) + "</body>").Body!.TextContent);
        var display = DisplayMath().Matches(Markdown).Select(m => "$$" + Flat(m.Groups[1].Value) + "$$").ToList();
        var inline = InlineMath().Matches(DisplayMath().Replace(Markdown, "")).Select(m => "$" + Flat(m.Groups[1].Value) + "$").ToList();
        Assert.True(display.Count >= 5 && inline.Count >= 20, $"{display.Count} display, {inline.Count} inline");
        Assert.All(display, tex => Assert.Contains(tex, shown));
        Assert.All(inline, tex => Assert.Contains(tex, shown));
        // MathML's token text (e^{x} as "ex", a softmax's "softmax⁡(x)") would sit beside the TeX.
        Assert.DoesNotContain("softmax⁡", shown);
        Assert.DoesNotContain("⁡", shown);
    }

    [Fact]
    public void Gmail_keeps_the_code_colours_and_the_unsubscribe_link()
    {
        var document = new HtmlParser().ParseDocument("<body>" + Shown("gmail") + "</body>");
        // The sanitizer writes colours its own way: rgba(184, 33, 43, 1) is the theme's #b8212b.
        Assert.Contains(document.QuerySelectorAll("pre span"), s => s.TextContent == "import" && s.GetAttribute("style")!.Replace(" ", "").Contains("rgba(184,33,43,1)", StringComparison.Ordinal));
        Assert.Contains(document.QuerySelectorAll("a"), a => a.TextContent == "Unsubscribe" && a.GetAttribute("href") == "https://example.org/_lemma/newsletter/unsubscribe?token=abc&id=1");
    }

    [GeneratedRegex(@"```[a-z+]*\n(.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex CodeLines();

    [GeneratedRegex(@"\$\$(.*?)\$\$", RegexOptions.Singleline)]
    private static partial Regex DisplayMath();

    [GeneratedRegex(@"(?<![\$\\])\$([^\$\n]+)\$")]
    private static partial Regex InlineMath();

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Lemma.slnx"))) return dir.FullName;
        throw new InvalidOperationException("no Lemma.slnx above the test assembly");
    }
}
