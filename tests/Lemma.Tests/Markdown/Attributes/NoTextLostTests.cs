using System.Net;
using System.Text.RegularExpressions;

namespace Lemma.Tests.Markdown.Attributes;

/// <summary>
/// No text is ever lost: over generated paragraphs of prose words mixed with braces, every prose word appears in the
/// page's text (tags stripped, entities decoded), or a warning names the line it was on.
/// </summary>
public partial class NoTextLostTests
{
    private static readonly string[] Braces = ["{x: y}", "{name}", "\\eqref{a}", "{{", "}}", "{:", "{#", "{.", "}", "{", "{#id}", "{.cls}", "{: .k}", "*em*", "`code`"];

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 200)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_prose_word_of_a_generated_paragraph_reaches_the_page_or_a_warning_names_its_line(int seed)
    {
        var random = new Random(seed);
        var lines = new List<string>();
        var words = new List<(string Word, int Line)>();
        var lineCount = random.Next(1, 6);
        for (var l = 0; l < lineCount; l++)
        {
            var tokens = new List<string>();
            for (var t = random.Next(1, 12); t > 0; t--)
            {
                if (random.Next(3) == 0) tokens.Add(Braces[random.Next(Braces.Length)]);
                else
                {
                    var word = "w" + random.Next(100_000);
                    words.Add((word, l + 1));
                    // glue a word to a brace now and then: "{name}w12", "w12{"
                    tokens.Add(random.Next(6) switch { 0 => "{" + word, 1 => word + "}", 2 => "{:" + word + "}", _ => word });
                }
            }
            lines.Add(string.Join(' ', tokens));
            if (random.Next(4) == 0) lines.Add(""); // a new paragraph
        }
        var source = string.Join('\n', lines);
        var rendered = AttributeSpecTests.Render(source);
        var text = WebUtility.HtmlDecode(Tags().Replace(rendered.Html, " "));
        var warned = rendered.Diagnostics.Select(d => d.Span.Line).ToHashSet();
        var sourceLines = source.Split('\n');
        foreach (var (word, _) in words)
        {
            if (text.Contains(word, StringComparison.Ordinal)) continue;
            var line = Array.FindIndex(sourceLines, l => l.Contains(word, StringComparison.Ordinal)) + 1;
            Assert.True(warned.Contains(line), $"'{word}' (line {line}) is lost without a warning.\nSource:\n{source}\nHTML:\n{rendered.Html}");
        }
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}
