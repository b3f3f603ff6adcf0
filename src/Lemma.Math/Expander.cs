namespace Lemma.Math;

/// <summary>A macro: its number of parameters, an optional default for the first, and its body.</summary>
internal sealed record MacroDefinition(int Parameters, List<Token>? OptionalDefault, List<Token> Body);

/// <summary>Reads tokens and expands macros (the post's, the site's, then the built-in ones), with a bound on
/// expansions so that recursive definitions end in an error instead of a hang.</summary>
internal sealed class Expander
{
    public const int MaxExpansions = 2000;
    public const int MaxTokens = 200_000;

    readonly Lexer _lexer;
    List<Token>? _pending; // pushed-back tokens; the last one is read next (made when a second one is pushed)
    // The most recently pushed-back token, kept out of the list (the parser peeks at every token several times):
    // when set, it comes before everything in _pending.
    Token _top;
    bool _hasTop;
    readonly MathDocument _doc; // the post's own macros
    readonly IReadOnlyDictionary<string, MacroDefinition> _site;
    int _expansions;
    int _tokens;

    public Expander(string source, MathDocument doc, IReadOnlyDictionary<string, MacroDefinition> site)
    {
        _lexer = new Lexer(source);
        _doc = doc;
        _site = site;
    }

    public Token NextRaw()
    {
        if (_hasTop)
        {
            _hasTop = false;
            return _top;
        }
        return _pending is { Count: > 0 } ? Pop() : _lexer.Next();
    }

    void Push(in Token t)
    {
        if (_hasTop) (_pending ??= []).Add(_top);
        _top = t;
        _hasTop = true;
    }

    Token Pop()
    {
        var t = _pending![^1];
        _pending.RemoveAt(_pending.Count - 1);
        return t;
    }

    public Token PeekRaw()
    {
        if (_hasTop) return _top;
        var t = NextRaw();
        Push(t);
        return t;
    }

    public void PushBack(Token t) => Push(t);

    public void PushBack(List<Token> tokens)
    {
        _tokens += tokens.Count;
        if (_tokens > MaxTokens) throw new TexException(tokens.Count > 0 ? tokens[0].Pos : 0, 0, "Too many tokens from macro expansion");
        for (int i = tokens.Count - 1; i >= 0; i--) Push(tokens[i]);
    }

    public bool IsMacro(string name) =>
        IsLocalMacro(name) || _site.ContainsKey(name) || BuiltinMacros.Table.ContainsKey(name);

    public bool IsLocalMacro(string name) => _doc.DefinedMacros?.ContainsKey(name) == true;

    public void Define(string name, MacroDefinition macro) => _doc.DefineMacro(name, macro);

    /// <summary>The next token after expanding macros at the head of the input.</summary>
    public Token Next()
    {
        while (true)
        {
            var t = NextRaw();
            if (t.Kind != TokenKind.ControlSequence || t.Final) return t;
            // Most formulas define no macros and most sites few: a built-in name that is no macro needs no look-up.
            if (t.Info is { IsMacro: false } && _doc.DefinedMacros is not { Count: > 0 } && _site.Count == 0) return t;
            var macro = Find(t.Text);
            if (macro is null) return t;
            Expand(t, macro);
        }
    }

    public Token Peek()
    {
        // The parser peeks at each token several times: a token already peeked is on top, final, and stays there.
        if (_hasTop && (_top.Kind != TokenKind.ControlSequence || _top.Final)) return _top;
        var t = Next();
        Push(t.Kind == TokenKind.ControlSequence ? t with { Final = true } : t);
        return t;
    }

    MacroDefinition? Find(string name)
    {
        // Most formulas define no macros and most sites few: skip the empty tables.
        MacroDefinition? m;
        if (_doc.DefinedMacros is { Count: > 0 } local && local.TryGetValue(name, out m)) return m;
        if (_site.Count > 0 && _site.TryGetValue(name, out m)) return m;
        return BuiltinMacros.Table.GetValueOrDefault(name);
    }

    /// <summary>Parses a macro body given as text; its parameters are the highest #n it uses.</summary>
    public static MacroDefinition Parse(string body)
    {
        var tokens = Lexer.Tokenize(body, 0);
        int max = 0;
        for (int i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].IsChar('#') && tokens[i + 1].Kind == TokenKind.Character && tokens[i + 1].Text[0] is >= '1' and <= '9')
                max = System.Math.Max(max, tokens[i + 1].Text[0] - '0');
        }
        return new MacroDefinition(max, null, tokens);
    }

    void Expand(Token at, MacroDefinition macro)
    {
        if (++_expansions > MaxExpansions)
            throw new TexException(at.Pos, at.Length, "Too many expansions: infinite loop or need to increase maxExpand setting");
        var args = new List<Token>[macro.Parameters];
        int first = 0;
        if (macro.OptionalDefault is not null && macro.Parameters > 0)
        {
            args[0] = ReadOptional() ?? macro.OptionalDefault;
            first = 1;
        }
        for (int i = first; i < macro.Parameters; i++) args[i] = ReadArgument(at);
        var output = new List<Token>(macro.Body.Count);
        var body = macro.Body;
        for (int i = 0; i < body.Count; i++)
        {
            var t = body[i];
            if (t.IsChar('#') && i + 1 < body.Count)
            {
                var n = body[i + 1];
                if (n.IsChar('#'))
                {
                    output.Add(Relocate(n, at));
                    i++;
                    continue;
                }
                if (n.Kind == TokenKind.Character && n.Text[0] is >= '1' and <= '9')
                {
                    int k = n.Text[0] - '1';
                    if (k < args.Length) foreach (var a in args[k]) output.Add(a);
                    i++;
                    continue;
                }
            }
            output.Add(Relocate(t, at));
        }
        PushBack(output);
    }

    static Token Relocate(Token t, Token at) => t with { Pos = at.Pos, Length = at.Length };

    /// <summary>A macro argument, unexpanded: one token, or a balanced group without its braces.</summary>
    public List<Token> ReadArgument(Token owner)
    {
        var t = NextRaw();
        while (t.Kind == TokenKind.Space) t = NextRaw();
        if (t.Kind == TokenKind.Eof) throw new TexException(owner.Pos, owner.Length, $"Missing argument for {owner}");
        if (t.IsChar('}')) throw new TexException(t.Pos, t.Length, $"Missing argument for {owner}: unexpected '}}'");
        if (!t.IsChar('{')) return [t];
        return ReadBalanced(t, '}');
    }

    /// <summary>Tokens up to the matching close character (which is consumed, not returned).</summary>
    public List<Token> ReadBalanced(Token open, char close)
    {
        var list = new List<Token>();
        int depth = 0;
        while (true)
        {
            var t = NextRaw();
            if (t.Kind == TokenKind.Eof) throw new TexException(open.Pos, open.Length, $"Missing '{close}' to match '{open.Text}'");
            if (t.IsChar('{')) depth++;
            else if (t.IsChar('}'))
            {
                if (depth == 0 && close == '}') return list;
                depth--;
                if (depth < 0) throw new TexException(t.Pos, t.Length, "Unexpected '}'");
            }
            else if (depth == 0 && t.IsChar(close)) return list;
            list.Add(t);
        }
    }

    /// <summary>An optional [argument], unexpanded, or null when the next token is not '['.</summary>
    public List<Token>? ReadOptional()
    {
        var t = NextRaw();
        while (t.Kind == TokenKind.Space) t = NextRaw(); // spaces before a missing [ are dropped, as TeX does
        if (t.IsChar('[')) return ReadBalanced(t, ']');
        Push(t);
        return null;
    }
}
