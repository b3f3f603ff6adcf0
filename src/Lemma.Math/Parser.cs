using System.Globalization;

namespace Lemma.Math;

/// <summary>Numbering data of one display row (or of a whole equation): \tag, \label, \nonumber.</summary>
internal sealed class RowInfo
{
    public MathNode? Tag;
    public bool TagStar;
    public string? Label;
    public Token LabelToken;
    public bool NoNumber;
    public MathNode? TableRow;
}

/// <summary>Recursive-descent TeX math parser that builds the MathML tree directly, in the way KaTeX's parser
/// groups atoms: an expression is a list of atoms; an atom is a nucleus with optional scripts.</summary>
internal sealed partial class Parser
{
    const int MaxDepth = 60;

    readonly Expander _x;
    readonly bool _display;
    readonly MathDocument _doc;
    bool _displayStyle;
    /// <summary>TeX's style below text style: 0 (display or text), 1 (script), 2 (scriptscript); for \mathchoice.</summary>
    int _scriptLevel;
    MathFont _font;
    int _depth;
    int _dollar; // > 0 inside $...$ nested in \text

    public Parser(string source, bool display, MathDocument doc, IReadOnlyDictionary<string, MacroDefinition> siteMacros)
    {
        _x = new Expander(source, doc, siteMacros);
        _display = display;
        _displayStyle = display;
        _doc = doc;
    }

    RowInfo? _row;
    /// <summary>A list that a group gave back after keeping only its one node: the next expression reuses it.</summary>
    List<MathNode>? _spareList;

    /// <summary>Numbering of a plain display formula or an equation environment (made on first use).</summary>
    public RowInfo Row { get => _row ??= new(); private set => _row = value; }
    /// <summary><see cref="Row"/> if anything has set or asked for it; most formulas have no \tag, \label or \nonumber.</summary>
    public RowInfo? RowIfAny => _row;
    /// <summary>Set when the formula is an align/gather environment: one entry per row.</summary>
    public List<RowInfo>? TopRows { get; private set; }
    /// <summary>True for equation, align, gather (not starred): rows get numbers.</summary>
    public bool TopNumbered { get; private set; }
    public bool HasTopEnvironment { get; private set; }

    public MathNode ParseTop()
    {
        List<List<MathNode>>? rows = null;
        var list = ParseExpression();
        var t = PeekMath();
        while (t.IsCs("\\"))
        {
            NextMath();
            _x.ReadOptional();
            (rows ??= []).Add(list);
            list = ParseExpression();
            t = PeekMath();
        }
        if (t.Kind != TokenKind.Eof) throw Unexpected(t);
        if (rows is null) return list.Count == 1 ? list[0] : MathNode.Row(list);
        rows.Add(list);
        var table = new MathNode("mtable").Set("displaystyle", "true");
        foreach (var r in rows) table.Add(MathNode.Element("mtr", MathNode.Element("mtd", MathNode.Group(r))));
        return table;
    }

    Token PeekMath()
    {
        while (true)
        {
            var t = _x.Peek();
            if (t.Kind != TokenKind.Space) return t;
            _x.Next();
        }
    }

    Token NextMath()
    {
        while (true)
        {
            var t = _x.Next();
            if (t.Kind != TokenKind.Space) return t;
        }
    }

    bool IsTerminator(Token t, bool bracket) => t.Kind switch
    {
        TokenKind.Eof => true,
        TokenKind.Character => t.Text.Length == 1 && t.Text[0] switch
        {
            '}' or '&' => true, ']' => bracket, '$' => _dollar > 0, '@' => _cd > 0, _ => false,
        },
        TokenKind.ControlSequence => t.Text is "\\" or "end" or "right" or "middle" || (_dollar > 0 && t.Text == ")"),
        _ => false,
    };

    static TexException Unexpected(Token t) => t.Kind switch
    {
        TokenKind.Eof => new TexException(t.Pos, 0, "Unexpected end of input"),
        TokenKind.Character when t.Text == "}" => new TexException(t.Pos, t.Length, "Unexpected '}': no matching '{'"),
        TokenKind.Character when t.Text == "&" => new TexException(t.Pos, t.Length, "Unexpected '&' outside an alignment environment (array, aligned, matrix, cases...)"),
        TokenKind.ControlSequence when t.Text == "\\" => new TexException(t.Pos, t.Length, "Unexpected '\\\\' (a new row) here"),
        TokenKind.ControlSequence when t.Text == "end" => new TexException(t.Pos, t.Length, "\\end without a matching \\begin"),
        TokenKind.ControlSequence when t.Text == "right" => new TexException(t.Pos, t.Length, "\\right without a matching \\left"),
        TokenKind.ControlSequence when t.Text == "middle" => new TexException(t.Pos, t.Length, "\\middle outside \\left ... \\right"),
        _ => new TexException(t.Pos, t.Length, $"Unexpected '{t}'"),
    };

    static readonly HashSet<string> Infix = ["over", "choose", "atop", "brack", "brace", "above"];

    List<MathNode> ParseExpression(bool stopAtBracket = false)
    {
        var list = _spareList ?? [];
        _spareList = null;
        List<MathNode>? numerator = null;
        Token infix = default;
        string? thickness = null;
        while (true)
        {
            var t = PeekMath();
            if (IsTerminator(t, stopAtBracket)) break;
            if (t.Kind == TokenKind.ControlSequence && Dispatch.Of(t) is { } info)
            {
                if (info.Infix)
                {
                    NextMath();
                    if (numerator is not null) throw new TexException(t.Pos, t.Length, "Only one infix operator per group");
                    if (t.Text == "above") thickness = Em(ReadDimension(t));
                    numerator = list;
                    list = [];
                    infix = t;
                    continue;
                }
                if (info.Switch && TrySwitch(t, list, stopAtBracket)) break;
            }
            ParseAtom(list, t);
        }
        FixBinaries(list);
        if (numerator is null) return list;
        var frac = MathNode.Element("mfrac", MathNode.Group(numerator), MathNode.Group(list));
        switch (infix.Text)
        {
            case "over": return [frac];
            case "above": frac.Set("linethickness", thickness!); return [frac];
            case "atop": frac.Set("linethickness", "0"); return [frac];
        }
        frac.Set("linethickness", "0");
        var (open, close) = infix.Text switch { "choose" => ("(", ")"), "brack" => ("[", "]"), _ => ("{", "}") };
        return [MathNode.Element("mrow", Fence(open, "prefix"), frac, Fence(close, "postfix"))];
    }

    /// <summary>TeX's rule: a binary operator with no left operand (after an operator, a relation, an opening
    /// delimiter or punctuation) is unary; MathML infers the form from the position in the mrow only.</summary>
    static void FixBinaries(List<MathNode> list)
    {
        for (int i = 0; i < list.Count; i++)
        {
            var n = list[i];
            if (n.Class != AtomClass.Bin || n.Tag != "mo" || n.Get("form") is not null) continue;
            var prev = i == 0 ? (AtomClass?)null : list[i - 1].Class;
            var next = i + 1 < list.Count ? list[i + 1].Class : (AtomClass?)null;
            if (i > 0 && prev is AtomClass.Bin or AtomClass.Op or AtomClass.Rel or AtomClass.Open or AtomClass.Punct)
            {
                n.Set("form", "prefix");
                n.Class = AtomClass.Ord;
            }
            else if (i > 0 && next is null or AtomClass.Rel or AtomClass.Close or AtomClass.Punct)
            {
                n.Set("lspace", "0em").Set("rspace", "0em");
                n.Class = AtomClass.Ord;
            }
        }
    }

    /// <summary>Commands that change the style of the rest of the group (\color, \displaystyle, \bf, \large).</summary>
    bool TrySwitch(Token t, List<MathNode> list, bool bracket)
    {
        switch (t.Text)
        {
            case "color":
            {
                NextMath();
                var color = ReadColor(t);
                list.Add(MathNode.Row(ParseExpression(bracket)).Set("mathcolor", color));
                return true;
            }
            case "displaystyle" or "textstyle" or "scriptstyle" or "scriptscriptstyle":
            {
                NextMath();
                bool saved = _displayStyle;
                int savedLevel = _scriptLevel;
                _displayStyle = t.Text == "displaystyle";
                _scriptLevel = t.Text switch { "scriptstyle" => 1, "scriptscriptstyle" => 2, _ => 0 };
                var rest = ParseExpression(bracket);
                _displayStyle = saved;
                _scriptLevel = savedLevel;
                var level = t.Text switch { "scriptstyle" => "1", "scriptscriptstyle" => "2", _ => "0" };
                list.Add(MathNode.Row(rest).Set("displaystyle", t.Text == "displaystyle" ? "true" : "false").Set("scriptlevel", level));
                return true;
            }
            case "rm" or "bf" or "it" or "sf" or "tt" or "cal" or "frak" or "Bbb" or "mit" or "boldmath" or "unboldmath":
            {
                NextMath();
                var saved = _font;
                _font = t.Text switch
                {
                    "rm" => MathFont.Roman, "bf" => MathFont.Bold, "it" => MathFont.Italic, "sf" => MathFont.Sans,
                    "tt" => MathFont.Mono, "cal" => MathFont.Script, "frak" => MathFont.Fraktur, "Bbb" => MathFont.DoubleStruck,
                    "boldmath" => MathFont.BoldItalic, _ => MathFont.None,
                };
                var rest = ParseExpression(bracket);
                _font = saved;
                list.Add(MathNode.Group(MergeLetters(rest)));
                return true;
            }
            case "tiny" or "scriptsize" or "footnotesize" or "small" or "normalsize" or "large" or "Large" or "LARGE" or "huge" or "Huge":
            {
                NextMath();
                var size = t.Text switch
                {
                    "tiny" => "0.5em", "scriptsize" => "0.7em", "footnotesize" => "0.8em", "small" => "0.9em",
                    "normalsize" => "1em", "large" => "1.2em", "Large" => "1.44em", "LARGE" => "1.728em",
                    "huge" => "2.074em", _ => "2.488em",
                };
                list.Add(MathNode.Row(ParseExpression(bracket)).Set("mathsize", size));
                return true;
            }
        }
        return false;
    }

    /// <summary>One atom; <paramref name="t"/> is its first token, peeked (not taken) by the caller.</summary>
    void ParseAtom(List<MathNode> list, Token t)
    {
        MathNode? nucleus;
        if (t.IsChar('^') || t.IsChar('_') || t.IsChar('\'')) nucleus = new MathNode("mrow");
        else
        {
            nucleus = ParsePrimary();
            if (nucleus is null) return;
        }
        MathNode? sup = null, sub = null;
        var limits = nucleus.Limits;
        while (true)
        {
            t = PeekMath();
            if (t.Kind == TokenKind.ControlSequence)
            {
                if (t.Text is not ("limits" or "nolimits" or "displaylimits")) break;
                NextMath();
                if (nucleus.Class != AtomClass.Op) throw new TexException(t.Pos, t.Length, "Limit controls must follow a math operator");
                limits = t.Text switch { "limits" => Limits.Always, "nolimits" => Limits.Never, _ => Limits.DisplayOnly };
                continue;
            }
            // Only ^ _ and ' continue an atom.
            if (t.Kind != TokenKind.Character || t.Text.Length != 1) break;
            if (t.IsChar('^'))
            {
                NextMath();
                if (sup is not null) throw new TexException(t.Pos, t.Length, "Double superscript");
                sup = ParseScript(t);
                continue;
            }
            if (t.IsChar('_'))
            {
                NextMath();
                if (sub is not null) throw new TexException(t.Pos, t.Length, "Double subscript");
                sub = ParseScript(t);
                continue;
            }
            if (t.IsChar('\''))
            {
                if (sup is not null) throw new TexException(t.Pos, t.Length, "Double superscript");
                int n = 0;
                while (_x.PeekRaw().IsChar('\''))
                {
                    _x.NextRaw();
                    n++;
                }
                var primes = new MathNode("mo", n switch { 1 => "′", 2 => "″", 3 => "‴", 4 => "⁗", _ => new string('′', n) });
                if (PeekMath().IsChar('^'))
                {
                    var caret = NextMath();
                    sup = MathNode.Element("mrow", primes, ParseScript(caret));
                }
                else sup = primes;
                continue;
            }
            break;
        }
        if (nucleus.IsFunction && SpacedBeforeOperator(list)) list.Add(Space("0.1667em"));
        if (sup is null && sub is null)
        {
            list.Add(nucleus);
            if (nucleus.IsFunction) AddFunctionApplication(list);
            return;
        }
        bool under = limits == Limits.Always || (limits == Limits.DisplayOnly && _displayStyle)
            || (nucleus.BraceOver && sub is null) || (nucleus.BraceUnder && sup is null);
        string tag = under
            ? sub is null ? "mover" : sup is null ? "munder" : "munderover"
            : sub is null ? "msup" : sup is null ? "msub" : "msubsup";
        if (under && nucleus.Tag == "mo") nucleus.Set("movablelimits", "false");
        else if (under && nucleus is { Tag: "mmultiscripts", Children: [{ Tag: "mo" } core, ..] }) core.Set("movablelimits", "false");
        var node = sub is null ? MathNode.Element(tag, nucleus, sup!)
            : sup is null ? MathNode.Element(tag, nucleus, sub)
            : MathNode.Element(tag, nucleus, sub, sup);
        node.Class = nucleus.Class;
        node.IsFunction = nucleus.IsFunction;
        list.Add(node);
        if (node.IsFunction) AddFunctionApplication(list);
    }

    MathNode ParseScript(Token caret)
    {
        var t = PeekMath();
        if (IsTerminator(t, false) || t.IsChar('^') || t.IsChar('_'))
            throw new TexException(caret.Pos, caret.Length, $"Expected a group after '{caret.Text}'");
        bool saved = _displayStyle;
        int savedLevel = _scriptLevel;
        _displayStyle = false;
        _scriptLevel = System.Math.Min(_scriptLevel + 1, 2);
        var n = ParsePrimary(script: true);
        _displayStyle = saved;
        _scriptLevel = savedLevel;
        return n ?? new MathNode("mrow");
    }

    /// <summary>One required argument in math mode (a token or a braced group).</summary>
    MathNode Argument(Token owner)
    {
        var t = PeekMath();
        if (IsTerminator(t, false)) throw new TexException(owner.Pos, owner.Length, $"Missing argument for {owner}");
        return ParsePrimary(script: true) ?? new MathNode("mrow");
    }

    MathNode? ParsePrimary(bool script = false)
    {
        var t = NextMath();
        if (++_depth > MaxDepth)
        {
            _depth = 0;
            throw new TexException(t.Pos, t.Length, "Formula is nested too deeply");
        }
        try
        {
            return t.Kind switch
            {
                TokenKind.Character when t.IsChar('{') => ParseGroup(t),
                TokenKind.Character => CharNode(t, script),
                TokenKind.ControlSequence => Command(t),
                _ => throw Unexpected(t),
            };
        }
        finally
        {
            if (_depth > 0) _depth--;
        }
    }

    MathNode ParseGroup(Token open)
    {
        var kids = ParseExpression();
        var close = NextMath();
        if (!close.IsChar('}'))
        {
            if (close.Kind == TokenKind.Eof) throw new TexException(open.Pos, open.Length, "Missing '}' to match this '{'");
            throw Unexpected(close);
        }
        // {\sum}_a is an ordinary atom in TeX: its scripts go to the side.
        if (kids.Count == 1 && kids[0].Class != AtomClass.Op)
        {
            var only = kids[0];
            kids.Clear();
            _spareList = kids; // nobody else holds it: {x}, \frac{1}{n} and x_{i} are mostly one node
            return only;
        }
        return MathNode.Row(kids);
    }

    void AddFunctionApplication(List<MathNode> list)
    {
        var next = PeekMath();
        bool last = IsTerminator(next, false);
        // Closing a group or a \left…\right: nothing follows to apply to or space from.
        if (last && next.Kind switch
            {
                TokenKind.Character => !next.IsChar('&'),
                TokenKind.ControlSequence => next.Text is "right" or "middle" or ")",
                _ => false,
            }) return;
        // The U+2061 and the space stand for the operator atom, so that a following - is unary (\sin -x).
        list.Add(new MathNode("mo", "\u2061") { Class = AtomClass.Op });
        // At the end of the formula, a row or a cell the space is kept, as Temml keeps it: an operator name
        // set alone ($\log$ of a number) reads as a word followed by the prose.
        if (last || SpacedAfterOperator(next)) list.Add(Space("0.1667em", AtomClass.Op));
    }

    /// <summary>TeX's spacing after an operator atom: a thin space before an ordinary atom, another operator, a
    /// unary sign or a \left…\right group (\log\det\Sigma, \sin x, \max -x, \sin\left(x\right)); none before an
    /// opening or closing delimiter, punctuation or a relation, which brings its own.</summary>
    bool SpacedAfterOperator(Token next)
    {
        switch (next.Kind)
        {
            case TokenKind.Character:
                return next.Text is not ("(" or "[" or ")" or "]" or "<" or ">" or "=" or ":" or "," or ";" or "!" or "?");
            case TokenKind.ControlSequence:
                if (next.Text is "bigl" or "bigr" or "bigm" or "Bigl" or "Bigr" or "Bigm" or "biggl" or "biggr" or "biggm"
                    or "Biggl" or "Biggr" or "Biggm") return false;
                return Dispatch.Of(next) is not { Kind: CommandKind.Symbol } s || s.Symbol.Class is not (AtomClass.Rel or AtomClass.Punct or AtomClass.Open or AtomClass.Close);
            default:
                return true;
        }
    }

    /// <summary>TeX's thin space between an ordinary atom (or a closing delimiter, or a group) and an operator name
    /// after it (a\sin x, f(x)\log y); MathML gives an mi no operator spacing.</summary>
    static bool SpacedBeforeOperator(List<MathNode> list)
    {
        if (list.Count == 0) return false;
        var prev = list[^1];
        if (prev.Tag is "mspace" or "mtext" || prev.Tag == "mo" && prev.Text is "\u2061" or "") return false;
        return prev.Class is AtomClass.Ord or AtomClass.Close or AtomClass.Inner;
    }

    static MathNode Space(string width, AtomClass cls = AtomClass.Ord) => new MathNode("mspace") { Class = cls }.Set("width", width);

    MathNode CharNode(Token t, bool script)
    {
        string s = t.Text;
        char c = s[0];
        if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z') return Letter(s);
        if (c is >= '0' and <= '9' || (c == '.' && !script && IsDigitToken(_x.PeekRaw())))
        {
            var text = s;
            if (!script) text = ReadNumber(s);
            return new MathNode("mn", Fonts.Map(text, _font));
        }
        switch (c)
        {
            case '+': return Op("+", AtomClass.Bin);
            case '-': return Op("−", AtomClass.Bin);
            case '*': return Op("∗", AtomClass.Bin);
            case '=' or '<' or '>' or ':': return Op(s, AtomClass.Rel);
            case ',' or ';': return Op(s, AtomClass.Punct);
            case '.': return new MathNode("mi", "."); // an ordinary symbol: as an mo it would get operator spacing
            case '/': return new MathNode("mi", "/"); // an ordinary symbol in TeX: no operator spacing
            case '!' or '?': return Op(s, AtomClass.Close);
            case '(' or '[': return Op(s, AtomClass.Open).Set("stretchy", "false");
            case ')' or ']': return Op(s, AtomClass.Close).Set("stretchy", "false");
            case '|': return new MathNode("mi", "|"); // an ordinary symbol: no stretching, no operator spacing
            case '~': return new MathNode("mtext", "\u00A0");
            case '@' or '"' or '`': return Op(s, AtomClass.Ord);
            case '#' or '$' or '^' or '_' or '&' or '}' or '\'' or '\\':
                throw new TexException(t.Pos, t.Length, $"Unexpected '{s}'");
        }
        int cp = Fonts.CodePointAt(s, 0, out _);
        var cat = CharUnicodeInfo.GetUnicodeCategory(cp);
        if (cat is UnicodeCategory.DecimalDigitNumber) return new MathNode("mn", s);
        if (cat is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.OtherLetter or UnicodeCategory.ModifierLetter)
        {
            var n = Letter(s);
            if (cp is >= 0x391 and <= 0x3A9 && _font == MathFont.None) n.Set("mathvariant", "normal");
            return n;
        }
        // A no-break or other Unicode space typed in math is a visible space, like ~.
        if (cat is UnicodeCategory.SpaceSeparator) return new MathNode("mtext", s);
        if (cp < 0x20 || cat is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate)
            throw new TexException(t.Pos, t.Length, $"Unexpected character U+{cp:X4}");
        // Unicode input behaves like the command for the same character: ∑ takes limits, ∞ is an identifier, ≤ a relation.
        if (UnicodeBigOperators.Contains(s)) return new MathNode("mo", s) { Class = AtomClass.Op, Limits = s is "∑" or "∏" or "∐" or "⋃" or "⋂" or "⨁" or "⨂" or "⋁" or "⋀" ? Limits.DisplayOnly : Limits.Never };
        if (UnicodeSymbols.TryGetValue(s, out var sym)) return SymbolNode(sym);
        return Op(s, AtomClass.Ord);
    }

    static readonly Dictionary<string, Symbol> UnicodeSymbols = BuildReverse();
    static readonly HashSet<string> UnicodeBigOperators = [.. Symbols.BigOperators.Values];

    static Dictionary<string, Symbol> BuildReverse()
    {
        var d = new Dictionary<string, Symbol>();
        // Prefer operators of a definite class, then identifiers, for characters several commands share.
        foreach (var s in Symbols.Table.Values)
            if (s.Kind == SymbolKind.Operator && s.Class != AtomClass.Ord) d.TryAdd(s.Text, s);
        foreach (var s in Symbols.Table.Values) d.TryAdd(s.Text, s);
        return d;
    }

    static bool IsDigitToken(Token t) => t.Kind == TokenKind.Character && t.Text[0] is >= '0' and <= '9';

    string ReadNumber(string first)
    {
        // Most numbers are one digit: no builder.
        var after = _x.PeekRaw();
        if (!IsDigitToken(after) && !after.IsChar('.')) return first;
        // Digits and points are one character each: a stack buffer holds most numbers, a builder the longer ones.
        Span<char> buffer = stackalloc char[32];
        int length = 0;
        System.Text.StringBuilder? sb = null;
        void Append(string s, Span<char> buffer)
        {
            if (sb is null && length + s.Length <= buffer.Length)
            {
                s.AsSpan().CopyTo(buffer[length..]);
                length += s.Length;
                return;
            }
            sb ??= new System.Text.StringBuilder().Append(buffer[..length]);
            sb.Append(s);
        }
        Append(first, buffer);
        while (true)
        {
            var n = _x.PeekRaw();
            if (IsDigitToken(n))
            {
                _x.NextRaw();
                Append(n.Text, buffer);
                continue;
            }
            if (n.IsChar('.'))
            {
                _x.NextRaw();
                var m = _x.PeekRaw();
                if (IsDigitToken(m))
                {
                    Append(".", buffer);
                    continue;
                }
                _x.PushBack(n);
            }
            return sb?.ToString() ?? new string(buffer[..length]);
        }
    }

    MathNode Letter(string s) => _font switch
    {
        MathFont.None or MathFont.Italic => new MathNode("mi", s),
        MathFont.Roman => new MathNode("mi", s).Set("mathvariant", "normal"),
        _ => new MathNode("mi", Fonts.Map(s, _font)),
    };

    static MathNode Op(string text, AtomClass cls) => new("mo", text) { Class = cls };

    static MathNode Fence(string text, string form)
    {
        if (text.Length == 0) return new MathNode("mrow");
        return new MathNode("mo", text) { Class = form == "prefix" ? AtomClass.Open : AtomClass.Close }
            .Set("fence", "true").Set("form", form).Set("stretchy", "true").Set("symmetric", "true");
    }

    /// <summary>In \mathrm and \operatorname, adjacent upright letters form one identifier (mi "max").</summary>
    static List<MathNode> MergeLetters(List<MathNode> kids)
    {
        var result = new List<MathNode>(kids.Count);
        int runStart = -1; // kids[runStart..i) are merged into result[^1], whose text is not yet joined
        for (int i = 0; i < kids.Count; i++)
        {
            var k = kids[i];
            if (result.Count > 0 && IsUprightLetter(k) && result[^1] is { Tag: "mi" } prev
                && (runStart >= 0 || IsUprightLetter(prev) || (prev.Text?.Length > 1 && prev.Children is null)))
            {
                if (runStart < 0) runStart = i - 1;
                continue;
            }
            if (runStart >= 0) result[^1] = new MathNode("mi", JoinTexts(kids, runStart, i));
            runStart = -1;
            result.Add(k);
        }
        if (runStart >= 0) result[^1] = new MathNode("mi", JoinTexts(kids, runStart, kids.Count));
        return result;
    }

    /// <summary>The texts of kids[start..end) as one string, built once.</summary>
    static string JoinTexts(List<MathNode> kids, int start, int end)
    {
        int length = 0;
        for (int i = start; i < end; i++) length += kids[i].Text!.Length;
        return string.Create(length, (kids, start, end), static (span, s) =>
        {
            int at = 0;
            for (int i = s.start; i < s.end; i++)
            {
                s.kids[i].Text.AsSpan().CopyTo(span[at..]);
                at += s.kids[i].Text!.Length;
            }
        });
    }

    static bool IsUprightLetter(MathNode n) => n.Tag == "mi" && n.Children is null && n.Get("mathvariant") == "normal";
}
