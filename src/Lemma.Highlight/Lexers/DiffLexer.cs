using Lemma.Highlight.Lexing;

namespace Lemma.Highlight.Lexers;

/// <summary>Unified and context diffs, line by line: headers and hunk ranges, inserted and deleted lines, context as text.</summary>
public sealed class DiffLexer : ILexer
{
    public static readonly DiffLexer Instance = new();

    public void Lex(string s, int start, int end, TokenList t)
    {
        var i = start;
        while (i < end)
        {
            var e = Scan.LineEnd(s, i, end);
            var line = s.AsSpan(i, e - i);
            if (line.StartsWith("@@"))
            {
                var close = line.Length > 2 ? line[2..].IndexOf("@@") : -1;
                t.Add(i, close < 0 ? e : i + 2 + close + 2, TokenKind.Keyword);
            }
            else if (line.StartsWith("+++") || line.StartsWith("---") || line.StartsWith("***") || line.StartsWith("diff ")
                     || line.StartsWith("index ") || line.StartsWith("Index: ") || line.StartsWith("new file mode")
                     || line.StartsWith("deleted file mode") || line.StartsWith("similarity index") || line.StartsWith("rename ")
                     || line.StartsWith("Only in ") || line.StartsWith("====="))
                t.Add(i, e, TokenKind.Keyword);
            else if (line.Length > 0 && line[0] is '+' or '>') t.Add(i, e, TokenKind.Inserted);
            else if (line.Length > 0 && line[0] is '-' or '<') t.Add(i, e, TokenKind.Deleted);
            else if (line.Length > 0 && line[0] == '!') t.Add(i, e, TokenKind.Keyword);
            i = e + 1;
        }
    }
}
