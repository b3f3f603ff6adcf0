using Lemma.Highlight.TextMate;

namespace Lemma.Highlight.Bench;

/// <summary><c>--dump LANGUAGE_ID FILE</c>: the TextMate tokens of a file, their scopes and mapped kinds.</summary>
internal static class Dump
{
    public static int Run(string languageId, string file)
    {
        var tm = new TextMateHighlighter();
        foreach (var (line, text, scopes, kind) in tm.Debug(File.ReadAllText(file).Replace("\r\n", "\n"), languageId))
            Console.WriteLine($"{line,4} {kind,-11} {Quote(text),-24} {scopes}");
        return 0;
    }

    private static string Quote(string s) => "'" + s.Replace("\t", "\\t") + "'";
}
