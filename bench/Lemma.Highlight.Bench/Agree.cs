namespace Lemma.Highlight.Bench;

/// <summary><c>--agree LANGUAGE FILE...</c>: per-character agreement of the hand lexer with the TextMate reference, with the differing runs.</summary>
internal static class Agree
{
    public static int Run(string language, IEnumerable<string> files)
    {
        var hand = new Highlighter(HighlightEngine.Auto);
        var tm = new Highlighter(HighlightEngine.TextMate);
        long same = 0, total = 0;
        foreach (var file in files)
        {
            var code = Lexing.HtmlLines.Normalize(File.ReadAllText(file));
            var a = hand.Tokenize(code, language).ToKinds(code.Length);
            var b = tm.Tokenize(code, language).ToKinds(code.Length);
            var i = 0;
            while (i < code.Length)
            {
                if (char.IsWhiteSpace(code[i])) { i++; continue; }
                total++;
                if (a[i] == b[i]) { same++; i++; continue; }
                var j = i;
                while (j < code.Length && !char.IsWhiteSpace(code[j]) && (a[j] != b[j]) && a[j] == a[i] && b[j] == b[i]) j++;
                var line = code.AsSpan(0, i).Count('\n') + 1;
                Console.WriteLine($"{Path.GetFileName(file)}:{line} '{code[i..j]}' hand={a[i]} textmate={b[i]}");
                total += j - i - 1;
                i = j;
            }
        }
        Console.WriteLine($"{language}: {same}/{total} = {(total == 0 ? 1 : (double)same / total):P2}");
        return 0;
    }
}
