namespace Lemma.Math;

internal sealed partial class Parser
{
    MathNode? Tag(Token t)
    {
        bool star = false;
        if (_x.PeekRaw().IsChar('*'))
        {
            _x.NextRaw();
            star = true;
        }
        if (!_display) throw new TexException(t.Pos, t.Length, "\\tag works only in display equations");
        var body = ParseTextArgument(t, MathFont.None);
        if (Row.Tag is not null) throw new TexException(t.Pos, t.Length, "Multiple \\tag");
        Row.Tag = body;
        Row.TagStar = star;
        return null;
    }

    MathNode? Label(Token t)
    {
        var tokens = _x.ReadArgument(t);
        var label = TokensText(tokens).Trim();
        if (label.Length == 0) throw new TexException(t.Pos, t.Length, "Empty \\label");
        if (Row.Label is not null) throw new TexException(t.Pos, t.Length, "Multiple \\label");
        Row.Label = label;
        Row.LabelToken = t;
        return null;
    }

    MathNode Reference(Token t)
    {
        var label = TokensText(_x.ReadArgument(t)).Trim();
        if (label.Length == 0) throw new TexException(t.Pos, t.Length, $"Empty {t}");
        var placeholder = _doc.AddReference(label, parens: t.Text == "eqref");
        return MathNode.Row([new MathNode("mtext", placeholder)])
            .Set("href", "#" + MathDocument.AnchorId(label)).Set("class", t.Text);
    }

    MathNode? NewCommand(Token t)
    {
        if (_x.PeekRaw().IsChar('*')) _x.NextRaw();
        var nameArg = _x.ReadArgument(t);
        if (nameArg.Count != 1 || nameArg[0].Kind != TokenKind.ControlSequence)
            throw new TexException(t.Pos, t.Length, $"{t} needs a control sequence name, as in {t}{{\\name}}");
        var name = nameArg[0].Text;
        int count = 0;
        List<Token>? optionalDefault = null;
        var countTokens = _x.ReadOptional();
        if (countTokens is not null)
        {
            var text = TokensText(countTokens).Trim();
            if (!int.TryParse(text, out count) || count is < 0 or > 9)
                throw new TexException(t.Pos, t.Length, $"Invalid number of arguments: '{text}'");
            optionalDefault = _x.ReadOptional();
        }
        var body = _x.ReadArgument(t);
        bool exists = _x.IsMacro(name) || IsBuiltin(name);
        if (t.Text == "newcommand" && exists && !_x.IsLocalMacro(name))
            throw new TexException(nameArg[0].Pos, nameArg[0].Length, $"\\newcommand{{\\{name}}} attempting to redefine \\{name}; use \\renewcommand");
        if (t.Text == "providecommand" && exists) return null;
        _x.Define(name, new MacroDefinition(count, optionalDefault, body));
        return null;
    }

    MathNode? Def(Token t)
    {
        var nameTok = _x.NextRaw();
        while (nameTok.Kind == TokenKind.Space) nameTok = _x.NextRaw();
        if (nameTok.Kind != TokenKind.ControlSequence)
            throw new TexException(t.Pos, t.Length, $"{t} needs a control sequence name");
        int count = 0;
        while (true)
        {
            var p = _x.NextRaw();
            if (p.IsChar('{'))
            {
                var body = _x.ReadBalanced(p, '}');
                if (t.Text is "edef" or "xdef") body = ExpandFully(body, t);
                _x.Define(nameTok.Text, new MacroDefinition(count, null, body));
                return null;
            }
            if (p.IsChar('#'))
            {
                var n = _x.NextRaw();
                if (n.Kind == TokenKind.Character && n.Text[0] - '0' == count + 1)
                {
                    count++;
                    continue;
                }
                throw new TexException(n.Pos, n.Length, "Parameters of \\def must be numbered #1, #2, ... in order");
            }
            if (p.Kind == TokenKind.Eof) throw new TexException(t.Pos, t.Length, $"Missing body for {t}");
            throw new TexException(p.Pos, p.Length, "Delimited macro parameters are not supported");
        }
    }

    /// <summary>\edef: the body with every macro in it expanded now, at definition time.</summary>
    List<Token> ExpandFully(List<Token> body, Token at)
    {
        var end = new Token(TokenKind.ControlSequence, "@edefend", at.Pos, at.Length) { Final = true };
        _x.PushBack(end);
        _x.PushBack(body);
        var result = new List<Token>();
        while (true)
        {
            var t = _x.Next();
            if (t.Kind == TokenKind.ControlSequence && t.Text == "@edefend") return result;
            if (t.Kind == TokenKind.Eof) throw new TexException(at.Pos, at.Length, "Unexpected end of input in \\edef");
            result.Add(t);
        }
    }

    static bool IsBuiltin(string name) =>
        Symbols.Table.ContainsKey(name) || Symbols.BigOperators.ContainsKey(name) || Symbols.OperatorNames.ContainsKey(name)
        || FontCommands.ContainsKey(name) || TextCommands.ContainsKey(name) || Accents.ContainsKey(name) || Braces.ContainsKey(name)
        || name is "frac" or "sqrt" or "left" or "right" or "begin" or "end" or "text" or "color" or "over";
}
