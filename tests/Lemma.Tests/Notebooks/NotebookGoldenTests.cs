using System.Runtime.CompilerServices;
using System.Text;
using Lemma.Content;
using Lemma.Highlight;
using Lemma.Markdown;
using Lemma.Markdown.Code;
using Lemma.Math;
using Lemma.Notebooks;

namespace Lemma.Tests.Notebooks;

/// <summary>
/// Golden files: each notebook (corpus/NAME.ipynb from nbconvert's tests, golden/NAME.ipynb written for Lemma)
/// renders to exactly golden/NAME.html, followed by a comment listing the files written beside the page.
/// Set LEMMA_UPDATE_GOLDEN=1 to rewrite the .html files from the current output (then read the diff).
/// </summary>
public class NotebookGoldenTests
{
    public static TheoryData<string> Cases() =>
    [
        .. Directory.GetFiles(Dir("corpus"), "*.ipynb").Concat(Directory.GetFiles(Dir("golden"), "*.ipynb"))
            .Select(f => Path.GetFileName(Path.GetDirectoryName(f))! + "/" + Path.GetFileName(f)).Order(StringComparer.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renders_as_the_golden_file(string file)
    {
        var rendered = NotebookFixtures.Render(File.ReadAllText(Path.Combine(Dir(""), file)), "content/posts/" + Path.GetFileName(file));
        var actual = new StringBuilder(rendered.Html);
        actual.Append("<!-- resources:");
        foreach (var r in rendered.Resources) actual.Append($"\n  {r.Name} ({r.Bytes.Length} bytes)");
        actual.Append(" -->\n");
        var expectedPath = Path.Combine(Dir("golden"), Path.GetFileNameWithoutExtension(file) + ".html");
        if (Environment.GetEnvironmentVariable("LEMMA_UPDATE_GOLDEN") == "1") File.WriteAllText(expectedPath, actual.ToString());
        Assert.Equal(File.ReadAllText(expectedPath), actual.ToString());
    }

    internal static string Dir(string name, [CallerFilePath] string file = "") => Path.Combine(Path.GetDirectoryName(file)!, name);
}

/// <summary>The notebook format as a build sets it up, with the plain highlighter so goldens do not depend on grammars.</summary>
internal static class NotebookFixtures
{
    public static NotebookFormat Format(bool trusted = false, IHighlighter? highlighter = null)
    {
        var math = new MathRenderer();
        highlighter ??= new PlainHighlighter();
        var code = new CodeSettings(LineNumbers: false, CopyButton: false);
        return new NotebookFormat(new MarkdownFormat(math, highlighter, code), highlighter, math, code, new NotebookSettings(trusted));
    }

    public static PageSource Page(string json, string path = "content/posts/nb.ipynb") => new()
    {
        Path = path,
        Section = "posts",
        Format = ContentFormat.Notebook,
        FileSlug = Path.GetFileNameWithoutExtension(path),
        FrontMatter = new FrontMatter(),
        Body = json,
    };

    public static RenderedContent Render(string json, string path = "content/posts/nb.ipynb", bool trusted = false) =>
        Format(trusted).Render(Page(json, path));
}
