using System.Text;

namespace Lemma.Math;

internal sealed partial class Parser
{
    static readonly Dictionary<string, string> TextSymbols = new()
    {
        ["i"] = "ı", ["j"] = "ȷ", ["ss"] = "ß", ["ae"] = "æ", ["AE"] = "Æ", ["oe"] = "œ", ["OE"] = "Œ", ["o"] = "ø",
        ["O"] = "Ø", ["aa"] = "å", ["AA"] = "Å", ["l"] = "ł", ["L"] = "Ł", ["{"] = "{", ["}"] = "}", ["$"] = "$",
        ["%"] = "%", ["&"] = "&", ["#"] = "#", ["_"] = "_", ["textbackslash"] = "\\", ["textasciitilde"] = "~",
        ["textasciicircum"] = "^", ["textendash"] = "–", ["textemdash"] = "—", ["textquoteleft"] = "‘",
        ["textquoteright"] = "’", ["textquotedblleft"] = "“", ["textquotedblright"] = "”", ["textdagger"] = "†",
        ["textdaggerdbl"] = "‡", ["textbullet"] = "•", ["textellipsis"] = "…", ["textdollar"] = "$", ["textbar"] = "|",
        ["textbardbl"] = "‖", ["textless"] = "<", ["textgreater"] = ">", ["textunderscore"] = "_", ["textsterling"] = "£",
        ["textregistered"] = "®", ["textcopyright"] = "©", ["textdegree"] = "°", ["textperiodcentered"] = "·",
        ["textbraceleft"] = "{", ["textbraceright"] = "}", ["S"] = "§", ["P"] = "¶",
        ["dag"] = "†", ["ddag"] = "‡", ["pounds"] = "£", ["copyright"] = "©", [" "] = " ", ["nobreakspace"] = "\u00A0",
        ["slash"] = "/",
    };

    static readonly Dictionary<string, char> TextAccents = new()
    {
        ["'"] = '\u0301', ["`"] = '\u0300', ["^"] = '\u0302', ["\""] = '\u0308', ["~"] = '\u0303', ["="] = '\u0304',
        ["."] = '\u0307', ["u"] = '\u0306', ["v"] = '\u030C', ["H"] = '\u030B', ["r"] = '\u030A', ["c"] = '\u0327',
        ["k"] = '\u0328', ["b"] = '\u0331', ["d"] = '\u0323', ["textcircled"] = '\u20DD',
    };

    /// <summary>A text-mode argument (\text{...}): mtext runs, with $...$ math inside.</summary>
    MathNode ParseTextArgument(Token owner, MathFont font)
    {
        var open = NextMath();
        if (open.Kind == TokenKind.Eof || IsTerminator(open, false))
            throw new TexException(owner.Pos, owner.Length, $"Missing argument for {owner}");
        if (++_depth > MaxDepth) throw new TexException(open.Pos, open.Length, "Formula is nested too deeply");
        try
        {
            var parts = new List<MathNode>();
            var sb = new StringBuilder();
            if (!open.IsChar('{'))
            {
                TextToken(open, font, sb, parts);
            }
            else
            {
                int depth = 0;
                while (true)
                {
                    var t = _x.Next();
                    if (t.Kind == TokenKind.Eof) throw new TexException(open.Pos, open.Length, "Missing '}' to match this '{'");
                    if (t.IsChar('{')) { depth++; continue; }
                    if (t.IsChar('}'))
                    {
                        if (depth-- == 0) break;
                        continue;
                    }
                    if (t.Kind == TokenKind.ControlSequence && TextSwitch(t.Text) is { } f)
                    {
                        Flush(sb, parts, font);
                        font = f;
                        continue;
                    }
                    TextToken(t, font, sb, parts);
                }
            }
            Flush(sb, parts, font);
            if (parts.Count == 0) return new MathNode("mtext", "");
            return parts.Count == 1 ? parts[0] : MathNode.Row(parts);
        }
        finally
        {
            _depth--;
        }
    }

    void TextToken(Token t, MathFont font, StringBuilder sb, List<MathNode> parts)
    {
        switch (t.Kind)
        {
            case TokenKind.Space:
                sb.Append(' ');
                return;
            case TokenKind.Character:
                switch (t.Text)
                {
                    case "$":
                        Flush(sb, parts, font);
                        parts.Add(InlineMath(t, "$"));
                        return;
                    case "~":
                        sb.Append('\u00A0');
                        return;
                    // MathJax prints them as they are in \text (\text{sentence_length}, \text{ & }); KaTeX refuses them.
                    case "&" or "#" or "^" or "_":
                        break;
                }
                sb.Append(t.Text);
                return;
        }
        var name = t.Text;
        if (TextSymbols.TryGetValue(name, out var sym))
        {
            sb.Append(sym);
            return;
        }
        if (TextAccents.TryGetValue(name, out var mark))
        {
            var arg = _x.ReadArgument(t);
            var baseText = arg.Count == 0 ? "\u00A0" : arg[0].Kind == TokenKind.ControlSequence && TextSymbols.TryGetValue(arg[0].Text, out var s) ? s : arg[0].Text;
            // Base letter + combining mark: browsers compose it; string normalisation is unavailable under invariant globalisation.
            sb.Append(baseText).Append(mark);
            for (int i = 1; i < arg.Count; i++) sb.Append(arg[i].Text);
            return;
        }
        if (TextCommands.TryGetValue(name, out var inner))
        {
            Flush(sb, parts, font);
            // \emph inside italic text switches back to upright, as in LaTeX.
            var f = name == "emph" && font == MathFont.Italic ? MathFont.None : inner == MathFont.None ? font : Combine(font, inner);
            parts.Add(ParseTextArgument(t, f));
            return;
        }
        switch (name)
        {
            case "(":
                Flush(sb, parts, font);
                parts.Add(InlineMath(t, ")"));
                return;
            case "textcolor":
            {
                Flush(sb, parts, font);
                var color = ReadColor(t);
                parts.Add(MathNode.Row([ParseTextArgument(t, font)]).Set("mathcolor", color));
                return;
            }
            case "quad" or "qquad" or "hskip" or "hspace" or "kern" or "," or ";" or ":" or "!" or "enspace" or "thinspace":
            {
                Flush(sb, parts, font);
                var width = name switch
                {
                    "," or "thinspace" => "0.1667em", ":" => "0.2222em", ";" => "0.2778em", "!" => "-0.1667em",
                    "quad" => "1em", "qquad" => "2em", "enspace" => "0.5em",
                    _ => Em(ReadDimension(t)),
                };
                parts.Add(Space(width));
                return;
            }
            case "eqref" or "ref":
                Flush(sb, parts, font);
                parts.Add(Reference(t));
                return;
            case "relax" or "allowbreak" or "nobreak" or "tiny" or "scriptsize" or "footnotesize" or "small" or "normalsize"
                or "large" or "Large" or "LARGE" or "huge" or "Huge" or "displaystyle" or "textstyle" or "scriptstyle"
                or "scriptscriptstyle":
                return;
            case "raisebox" or "textcolor" or "colorbox" or "fcolorbox" or "fbox" or "verb" or "href" or "url" or "kern" or "hspace":
                Flush(sb, parts, font);
                if (Command(t) is { } made) parts.Add(made);
                return;
            case "underline" or "sout" or "overline" or "phantom" or "red" or "blue" or "green":
            {
                Flush(sb, parts, font);
                var body = ParseTextArgument(t, font);
                parts.Add(t.Text switch
                {
                    "underline" => MathNode.Element("munder", body, new MathNode("mo", "_").Set("stretchy", "true")).Set("accentunder", "true"),
                    "overline" => MathNode.Element("mover", body, new MathNode("mo", "‾").Set("stretchy", "true")).Set("accent", "true"),
                    "phantom" => MathNode.Element("mphantom", body),
                    "sout" => MathNode.Row([body]).AppendStyle(CancelStyle("sout")),
                    _ => MathNode.Row([body]).Set("mathcolor", LegacyColors[t.Text]),
                });
                return;
            }
            case "\\":
                throw new TexException(t.Pos, t.Length, "Unexpected '\\\\' in text");
        }
        if (Symbols.Table.TryGetValue(name, out var mathSym))
        {
            sb.Append(mathSym.Text);
            return;
        }
        throw new TexException(t.Pos, t.Length, $"Undefined control sequence: \\{name}");
    }

    static MathFont? TextSwitch(string name) => name switch
    {
        "rm" or "normalfont" or "upshape" or "mdseries" => MathFont.None,
        "it" or "itshape" or "sl" or "slshape" or "em" => MathFont.Italic,
        "bf" or "bfseries" => MathFont.Bold,
        "sf" or "sffamily" => MathFont.Sans,
        "tt" or "ttfamily" => MathFont.Mono,
        _ => null,
    };

    static MathFont Combine(MathFont outer, MathFont inner) => (outer, inner) switch
    {
        (MathFont.Bold, MathFont.Italic) or (MathFont.Italic, MathFont.Bold) => MathFont.BoldItalic,
        (MathFont.Sans, MathFont.Bold) or (MathFont.Bold, MathFont.Sans) => MathFont.SansBold,
        _ => inner,
    };

    MathNode InlineMath(Token open, string close)
    {
        bool savedStyle = _displayStyle;
        int savedLevel = _scriptLevel;
        var savedFont = _font;
        _displayStyle = false;
        _scriptLevel = 0;
        _font = MathFont.None;
        _dollar++;
        var kids = ParseExpression();
        _dollar--;
        _displayStyle = savedStyle;
        _scriptLevel = savedLevel;
        _font = savedFont;
        var end = NextMath();
        bool ok = close == "$" ? end.IsChar('$') : end.IsCs(")");
        if (!ok)
        {
            if (end.Kind == TokenKind.Eof) throw new TexException(open.Pos, open.Length, $"Missing '{close}' to close this math");
            throw Unexpected(end);
        }
        return MathNode.Group(kids);
    }

    static void Flush(StringBuilder sb, List<MathNode> parts, MathFont font)
    {
        if (sb.Length == 0) return;
        var text = sb.ToString();
        sb.Clear();
        text = text.Replace("---", "—").Replace("--", "–").Replace("``", "“").Replace("''", "”").Replace('`', '‘').Replace('\'', '’');
        // Leading and trailing spaces of mtext would collapse; keep them visible.
        if (text[0] == ' ') text = "\u00A0" + text[1..];
        if (text.Length > 1 && text[^1] == ' ') text = text[..^1] + "\u00A0";
        else if (text == " ") text = "\u00A0";
        parts.Add(new MathNode("mtext", Fonts.Map(text, font)));
    }
}
