namespace Lemma.Math;

internal enum TokenKind { Eof, ControlSequence, Character, Space }

/// <summary>A TeX token: a control sequence (name without the backslash), one character, or a run of spaces.
/// Pos and Length locate it in the formula; tokens made by a macro carry the position of its invocation.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Pos, int Length)
{
    /// <summary>Set on a control sequence already found not to be a macro (a peeked token put back), so that the
    /// parser's repeated peeks do not look it up again.</summary>
    public bool Final { get; init; }

    /// <summary>A built-in name's dispatch entry, found by the lexer; null for other names and non-commands.</summary>
    public CommandInfo? Info { get; init; }

    public bool IsChar(char c) => Kind == TokenKind.Character && Text.Length == 1 && Text[0] == c;
    public bool IsCs(string name) => Kind == TokenKind.ControlSequence && Text == name;
    public override string ToString() => Kind switch
    {
        TokenKind.ControlSequence => "\\" + Text,
        TokenKind.Eof => "end of input",
        TokenKind.Space => " ",
        _ => Text,
    };
}

/// <summary>An error in the formula at a position; caught by <see cref="MathRenderer"/>.</summary>
internal sealed class TexException(int pos, int length, string message) : Exception(message)
{
    public int Pos { get; } = pos;
    public int Len { get; } = length;
}

/// <summary>Splits TeX source into tokens, dropping % comments.</summary>
internal sealed class Lexer(string source, int origin = -1)
{
    int _pos;

    /// <summary>When set, every token reports this position (used for macro bodies).</summary>
    readonly int _origin = origin;

    public Token Next()
    {
        var s = source;
        while (true)
        {
            if (_pos >= s.Length) return Make(TokenKind.Eof, "", s.Length, 0);
            char c = s[_pos];
            if (c == '%')
            {
                while (_pos < s.Length && s[_pos] != '\n') _pos++;
                continue;
            }
            int start = _pos;
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                while (_pos < s.Length && s[_pos] is ' ' or '\t' or '\n' or '\r') _pos++;
                return Make(TokenKind.Space, " ", start, _pos - start);
            }
            if (c == '\\')
            {
                _pos++;
                if (_pos >= s.Length) throw new TexException(At(start), 1, "Unexpected end of input after \\");
                if (IsLetter(s[_pos]))
                {
                    while (_pos < s.Length && IsLetter(s[_pos])) _pos++;
                    var span = s.AsSpan(start + 1, _pos - start - 1);
                    int end = _pos;
                    // Spaces after a control word are not tokens.
                    while (_pos < s.Length && s[_pos] is ' ' or '\t' or '\n' or '\r') _pos++;
                    return Parser.Dispatch.BySpan.TryGetValue(span, out var known)
                        ? Make(TokenKind.ControlSequence, known.Name, start, end - start) with { Info = known }
                        : Make(TokenKind.ControlSequence, span.ToString(), start, end - start);
                }
                int w = char.IsHighSurrogate(s[_pos]) && _pos + 1 < s.Length ? 2 : 1;
                var symbol = s.AsSpan(_pos, w);
                _pos += w;
                return Parser.Dispatch.BySpan.TryGetValue(symbol, out var info)
                    ? Make(TokenKind.ControlSequence, info.Name, start, _pos - start) with { Info = info }
                    : Make(TokenKind.ControlSequence, w == 1 ? CharString(symbol[0]) : symbol.ToString(), start, _pos - start);
            }
            int width = char.IsHighSurrogate(c) && _pos + 1 < s.Length && char.IsLowSurrogate(s[_pos + 1]) ? 2 : 1;
            _pos += width;
            return Make(TokenKind.Character, width == 1 ? CharString(c) : s.Substring(start, 2), start, width);
        }
    }

    public static List<Token> Tokenize(string text, int origin)
    {
        var lexer = new Lexer(text, origin);
        var list = new List<Token>();
        while (true)
        {
            var t = lexer.Next();
            if (t.Kind == TokenKind.Eof) return list;
            list.Add(t);
        }
    }

    static bool IsLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '@';

    int At(int pos) => _origin >= 0 ? _origin : pos;

    Token Make(TokenKind kind, string text, int pos, int length) =>
        _origin >= 0 ? new Token(kind, text, _origin, 0) : new Token(kind, text, pos, length);

    static readonly string[] Ascii = Enumerable.Range(0, 128).Select(i => ((char)i).ToString()).ToArray();

    internal static string CharString(char c) => c < 128 ? Ascii[c] : c.ToString();
}
