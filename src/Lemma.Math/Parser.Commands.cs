using System.Globalization;
using System.Text;

namespace Lemma.Math;

internal sealed partial class Parser
{
    // Wide accents use the combining marks: STIX Two Math (the theme's font) has horizontal size variants for
    // U+0302 and U+030C, not for the spacing forms U+02C6 and U+02C7.
    static readonly Dictionary<string, (string Char, bool Stretchy, bool Under)> Accents = new()
    {
        ["hat"] = ("ˆ", false, false), ["widehat"] = ("\u0302", true, false), ["check"] = ("ˇ", false, false),
        ["widecheck"] = ("\u030C", true, false), ["tilde"] = ("~", false, false), ["widetilde"] = ("\u0303", true, false),
        ["acute"] = ("´", false, false), ["grave"] = ("`", false, false), ["dot"] = ("˙", false, false),
        ["ddot"] = ("¨", false, false), ["dddot"] = ("…", false, false), ["ddddot"] = ("….", false, false),
        ["breve"] = ("˘", false, false), ["bar"] = ("‾", false, false), ["vec"] = ("→", false, false),
        ["mathring"] = ("˚", false, false), ["overline"] = ("‾", true, false), ["overrightarrow"] = ("→", true, false),
        ["overleftarrow"] = ("←", true, false), ["overleftrightarrow"] = ("↔", true, false),
        ["Overrightarrow"] = ("⇒", true, false), ["overrightharpoon"] = ("⇀", true, false),
        ["overleftharpoon"] = ("↼", true, false), ["overgroup"] = ("⏠", true, false), ["overlinesegment"] = ("‾", true, false),
        ["underline"] = ("_", true, true), ["underbar"] = ("_", true, true), ["underleftarrow"] = ("←", true, true),
        ["underrightarrow"] = ("→", true, true), ["underleftrightarrow"] = ("↔", true, true),
        ["undergroup"] = ("⏡", true, true), ["utilde"] = ("~", true, true), ["underlinesegment"] = ("_", true, true),
    };

    static readonly Dictionary<string, (string Char, bool Under)> Braces = new()
    {
        ["overbrace"] = ("⏞", false), ["underbrace"] = ("⏟", true), ["overbracket"] = ("⎴", false),
        ["underbracket"] = ("⎵", true), ["overparen"] = ("⏜", false), ["underparen"] = ("⏝", true),
    };

    static readonly Dictionary<string, MathFont> FontCommands = new()
    {
        ["mathbb"] = MathFont.DoubleStruck, ["Bbb"] = MathFont.DoubleStruck, ["mathbf"] = MathFont.Bold,
        ["bold"] = MathFont.Bold, ["mathcal"] = MathFont.Script, ["mathscr"] = MathFont.Script,
        ["mathfrak"] = MathFont.Fraktur, ["frak"] = MathFont.Fraktur, ["mathit"] = MathFont.Italic,
        ["mathrm"] = MathFont.Roman, ["mathup"] = MathFont.Roman, ["mathsf"] = MathFont.Sans, ["mathtt"] = MathFont.Mono,
        ["mathnormal"] = MathFont.None, ["boldsymbol"] = MathFont.BoldItalic, ["bm"] = MathFont.BoldItalic,
        ["pmb"] = MathFont.BoldItalic, ["mathbfit"] = MathFont.BoldItalic, ["mathsfit"] = MathFont.SansItalic,
        ["mathbffrak"] = MathFont.BoldFraktur, ["mathbfcal"] = MathFont.BoldScript, ["mathbfscr"] = MathFont.BoldScript,
        ["mathbfsf"] = MathFont.SansBold,
    };

    static readonly Dictionary<string, MathFont> TextCommands = new()
    {
        ["text"] = MathFont.None, ["textrm"] = MathFont.None, ["textnormal"] = MathFont.None, ["textup"] = MathFont.None,
        ["textmd"] = MathFont.None, ["mbox"] = MathFont.None, ["hbox"] = MathFont.None, ["textbf"] = MathFont.Bold,
        ["textit"] = MathFont.Italic, ["emph"] = MathFont.Italic, ["textsl"] = MathFont.Italic, ["textsf"] = MathFont.Sans,
        ["texttt"] = MathFont.Mono,
    };

    static readonly Dictionary<string, string> ExtensibleArrows = new()
    {
        ["xleftarrow"] = "←", ["xrightarrow"] = "→", ["xLeftarrow"] = "⇐", ["xRightarrow"] = "⇒",
        ["xleftrightarrow"] = "↔", ["xLeftrightarrow"] = "⇔", ["xhookleftarrow"] = "↩", ["xhookrightarrow"] = "↪",
        ["xmapsto"] = "↦", ["xrightharpoondown"] = "⇁", ["xrightharpoonup"] = "⇀", ["xleftharpoondown"] = "↽",
        ["xleftharpoonup"] = "↼", ["xrightleftharpoons"] = "⇌", ["xleftrightharpoons"] = "⇋", ["xlongequal"] = "=",
        ["xtwoheadrightarrow"] = "↠", ["xtwoheadleftarrow"] = "↞", ["xtofrom"] = "⇄", ["xrightleftarrows"] = "⇄",
        ["xrightequilibrium"] = "⇌", ["xleftequilibrium"] = "⇋",
    };

    static readonly Dictionary<string, string> Negations = new()
    {
        ["="] = "≠", ["<"] = "≮", [">"] = "≯", ["in"] = "∉", ["equiv"] = "≢", ["subset"] = "⊄", ["supset"] = "⊅",
        ["subseteq"] = "⊈", ["supseteq"] = "⊉", ["sim"] = "≁", ["approx"] = "≉", ["cong"] = "≇", ["leq"] = "≰",
        ["le"] = "≰", ["geq"] = "≱", ["ge"] = "≱", ["mid"] = "∤", ["parallel"] = "∦", ["exists"] = "∄", ["ni"] = "∌",
        ["simeq"] = "≄", ["prec"] = "⊀", ["succ"] = "⊁", ["asymp"] = "≭", ["vdash"] = "⊬", ["models"] = "⊭",
        ["preceq"] = "⋠", ["succeq"] = "⋡", ["sqsubseteq"] = "⋢", ["sqsupseteq"] = "⋣",
    };

    // TeX's \big family is 8.5pt, 11.5pt, 14.5pt and 17.5pt tall around a 10pt font plus the surrounding
    // struts; KaTeX and Temml size them 1.2em, 1.8em, 2.4em and 3em, and so do we.
    static readonly Dictionary<string, string> BigSizes = new()
    {
        ["big"] = "1.2em", ["Big"] = "1.8em", ["bigg"] = "2.4em", ["Bigg"] = "3em",
    };

    MathNode? Command(Token t)
    {
        var name = t.Text;
        if (Dispatch.Of(t) is { } info)
        {
            switch (info.Kind)
            {
                case CommandKind.Symbol: return SymbolNode(info.Symbol);
                case CommandKind.BigOperator: return Limit(Op(info.Char, AtomClass.Op), info.Flag ? Limits.Never : Limits.DisplayOnly);
                case CommandKind.OperatorName: return OperatorName(name, info.Flag);
                case CommandKind.Font: return FontArgument(t, info.Font);
                case CommandKind.Text: return ParseTextArgument(t, info.Font);
                case CommandKind.Accent: return Accent(t, info.Char, info.Flag, info.Under);
                case CommandKind.Brace: return Brace(t, info.Char, info.Under);
                case CommandKind.Arrow: return ExtensibleArrow(t, info.Char);
                case CommandKind.Fraction: return Fraction(t);
                case CommandKind.Sqrt: return Sqrt(t);
                case CommandKind.Left: return LeftRight(t);
                case CommandKind.Begin: return Environment(t);
            }
        }
        if (TryBig(t, out var big)) return big;
        switch (name)
        {
            case "frac" or "dfrac" or "tfrac" or "cfrac" or "binom" or "dbinom" or "tbinom" or "genfrac":
                return Fraction(t);
            case "sqrt": return Sqrt(t);
            case "left": return LeftRight(t);
            case "begin": return Environment(t);
            case "operatorname" or "operatornamewithlimits": return OperatorNameArgument(t);
            case "sideset": return Sideset(t);
            case "mathop" or "mathbin" or "mathrel" or "mathord" or "mathopen" or "mathclose" or "mathpunct" or "mathinner":
                return ClassCommand(t);
            case "@dots": return Dots();
            case "not": return Not();
            case "," or "thinspace": return Space("0.1667em");
            case ":" or ">" or "medspace": return Space("0.2222em");
            case ";" or "thickspace": return Space("0.2778em");
            case "!" or "negthinspace": return Space("-0.1667em");
            case " " or "nobreakspace" or "\t" or "\n": return new MathNode("mtext", "\u00A0");
            case "hspace" or "hskip" or "kern" or "mkern" or "mskip" or "hphantomspace":
                if (name == "hspace" && _x.PeekRaw().IsChar('*')) _x.NextRaw();
                return Space(Em(ReadMathDimension(t)));
            case "phantom": return MathNode.Element("mphantom", Argument(t));
            case "hphantom":
                return MathNode.Element("mpadded", MathNode.Element("mphantom", Argument(t))).Set("height", "0").Set("depth", "0");
            case "vphantom": return MathNode.Element("mpadded", MathNode.Element("mphantom", Argument(t))).Set("width", "0");
            case "smash":
            {
                var which = _x.ReadOptional();
                var node = MathNode.Element("mpadded", Argument(t));
                var w = which is null ? "tb" : TokensText(which);
                if (w.Contains('t')) node.Set("height", "0");
                if (w.Contains('b')) node.Set("depth", "0");
                return node;
            }
            case "mathllap" or "mathrlap" or "mathclap":
                return MathNode.Element("mpadded", Argument(t)).Set("width", "0")
                    .Set("lspace", name == "mathrlap" ? "0" : name == "mathllap" ? "-100%" : "-50%");
            case "textcolor":
            {
                var color = ReadColor(t);
                return MathNode.Row([Argument(t)]).Set("mathcolor", color);
            }
            case "colorbox" or "fcolorbox":
            {
                var border = name == "fcolorbox" ? ReadColor(t) : null;
                var bg = ReadColor(t);
                var body = ParseTextArgument(t, MathFont.None);
                var node = MathNode.Row([body]).Set("mathbackground", bg).AppendStyle("padding:0.1em 0.3em;");
                if (border is not null) node.AppendStyle($"border:0.06em solid {border};");
                return node;
            }
            case "boxed" or "fbox":
            {
                var body = name == "fbox" ? ParseTextArgument(t, MathFont.None) : Argument(t);
                return MathNode.Row([body]).AppendStyle("border:0.06em solid;padding:0.2em 0.3em;");
            }
            case "cancel" or "bcancel" or "xcancel" or "sout":
                return MathNode.Row([Argument(t)]).AppendStyle(CancelStyle(name));
            case "stackrel" or "overset" or "underset":
            {
                var script = Scripted(() => Argument(t));
                var body = Argument(t);
                var node = MathNode.Element(name == "underset" ? "munder" : "mover", body, script);
                node.Class = name == "stackrel" ? AtomClass.Rel : body.Class;
                return node;
            }
            case "substack": return Substack(t);
            case "tag": return Tag(t);
            case "label": return Label(t);
            case "eqref" or "ref": return Reference(t);
            case "nonumber" or "notag":
                Row.NoNumber = true;
                return null;
            case "newcommand" or "renewcommand" or "providecommand": return NewCommand(t);
            case "def" or "gdef" or "edef" or "xdef": return Def(t);
            case "relax" or "allowbreak" or "nobreak" or "displaylimits" or "nonscript" or "mathstrut0" or "hfill" or "hfil":
                return null;
            case "displaystyle" or "textstyle" or "scriptstyle" or "scriptscriptstyle":
                return null;
            case "limits" or "nolimits":
                throw new TexException(t.Pos, t.Length, "Limit controls must follow a math operator");
            case "hline" or "hdashline":
                throw new TexException(t.Pos, t.Length, $"\\{name} is valid only at the start of an array row");
            case "mathchoice":
            {
                var d = Argument(t);
                var tx = Argument(t);
                var s = Argument(t);
                var ss = Argument(t);
                return _displayStyle ? d : _scriptLevel switch { 0 => tx, 1 => s, _ => ss };
            }
            case "raisebox":
            {
                var dy = Em(ReadDimension(t));
                var body = ParseTextArgument(t, MathFont.None);
                return MathNode.Element("mpadded", body).Set("voffset", dy);
            }
            case "rule":
            {
                _x.ReadOptional();
                var w = Em(ReadMathDimension(t));
                var h = Em(ReadMathDimension(t));
                return new MathNode("mspace").Set("width", w).Set("height", h).AppendStyle("background:currentColor;");
            }
            case "(" or ")" or "[" or "]":
                throw new TexException(t.Pos, t.Length, $"\\{name} cannot be used inside math");
            case "vcenter":
                // A one-cell table is centred on the math axis, which is what \vcenter does (Temml's way too).
                // An mtable's cells are in text style; in display style, say so.
            {
                var table = MathNode.Element("mtable", MathNode.Element("mtr", MathNode.Element("mtd", Argument(t)).Set("style", "padding:0;")));
                return _displayStyle ? table.Set("displaystyle", "true") : table;
            }
            case "char": return CharCode(t);
            case "href": return Href(t);
            case "url": return Href(t, textOnly: true);
            case "htmlClass" or "htmlId" or "htmlStyle" or "htmlData":
                ReadRawText(t);
                return Argument(t);
            case "ensuremath": return Argument(t);
            case "@invalidmacro": throw new TexException(t.Pos, t.Length, "This site macro's definition is not valid TeX");
            case "global" or "long" or "protected": return null;
            case "angl": return MathNode.Row([Argument(t)]).AppendStyle("border-top:0.06em solid;border-right:0.06em solid;padding:0 0.1em;");
            case "phase": return MathNode.Row([Argument(t)]).AppendStyle("border-bottom:0.06em solid;background:linear-gradient(to top left, transparent 48%, currentColor 48%, currentColor 52%, transparent 52%) left/0.6em 100% no-repeat;padding-left:0.6em;");
            case "verb": return Verb(t);
            case "red" or "blue" or "green" or "gray" or "purple" or "orange" or "pink" or "teal" or "gold" or "maroon" or "mint":
                return MathNode.Row([Argument(t)]).Set("mathcolor", LegacyColors[name]);
        }
        throw new TexException(t.Pos, t.Length, $"Undefined control sequence: \\{name}");
    }

    static readonly Dictionary<string, string> LegacyColors = new()
    {
        ["red"] = "#df0030", ["blue"] = "#6495ed", ["green"] = "#28ae7b", ["gray"] = "gray", ["purple"] = "#9d38bd",
        ["orange"] = "#ffa500", ["pink"] = "#ff00af", ["teal"] = "#008080", ["gold"] = "#e7b416", ["maroon"] = "#800000",
        ["mint"] = "#3eb489",
    };

    /// <summary>\verb|...|: the raw characters between two equal delimiters (spaces inside are kept as one).</summary>
    MathNode Verb(Token t)
    {
        bool star = false;
        var d = _x.NextRaw();
        if (d.IsChar('*'))
        {
            star = true;
            d = _x.NextRaw();
        }
        if (d.Kind != TokenKind.Character) throw new TexException(t.Pos, t.Length, "\\verb needs a delimiter character");
        var sb = new StringBuilder();
        while (true)
        {
            var n = _x.NextRaw();
            if (n.Kind == TokenKind.Eof) throw new TexException(t.Pos, t.Length, "Missing closing delimiter of \\verb");
            if (n.Kind == TokenKind.Character && n.Text == d.Text) break;
            if (n.Kind == TokenKind.ControlSequence) sb.Append('\\').Append(n.Text);
            else sb.Append(n.Kind == TokenKind.Space ? (star ? "␣" : "\u00A0") : n.Text);
        }
        return new MathNode("mtext", Fonts.Map(sb.ToString(), MathFont.Mono));
    }

    static MathNode Limit(MathNode n, Limits l)
    {
        n.Limits = l;
        return n;
    }

    MathNode SymbolNode(Symbol sym)
    {
        switch (sym.Kind)
        {
            case SymbolKind.Identifier:
                // \varGamma …: the italic capital itself (𝛤), not Γ left to MathML's automatic italic.
                if (_font is MathFont.None or MathFont.Italic)
                    return new MathNode("mi", sym.Text.Length == 1 && sym.Text[0] is >= '\u0391' and <= '\u03A9' ? Fonts.Map(sym.Text, MathFont.Italic) : sym.Text);
                if (_font == MathFont.Roman) return new MathNode("mi", sym.Text).Set("mathvariant", "normal");
                return new MathNode("mi", Fonts.Map(sym.Text, _font));
            case SymbolKind.Upright:
                if (_font is not (MathFont.None or MathFont.Roman) && Fonts.Map(sym.Text, _font) is var m && m != sym.Text)
                    return new MathNode("mi", m);
                return sym.Text.Length == 1 ? new MathNode("mi", sym.Text).Set("mathvariant", "normal") : new MathNode("mi", sym.Text);
        }
        if (sym.Text is "|" or "‖" or "\\" && sym.Class == AtomClass.Ord) return new MathNode("mi", sym.Text);
        var n = Op(sym.Text, sym.Class);
        if (sym.Class is AtomClass.Open or AtomClass.Close) n.Set("stretchy", "false");
        return n;
    }

    MathNode OperatorName(string name, bool takesLimits)
    {
        var text = name switch
        {
            "liminf" => "lim\u2009inf", "limsup" => "lim\u2009sup", "injlim" => "inj\u2009lim", "projlim" => "proj\u2009lim",
            _ => name,
        };
        return new MathNode("mi", text)
        {
            Class = AtomClass.Op, IsFunction = true, Limits = takesLimits ? Limits.DisplayOnly : Limits.Never,
        };
    }

    MathNode OperatorNameArgument(Token t)
    {
        bool star = t.Text == "operatornamewithlimits";
        if (_x.PeekRaw().IsChar('*'))
        {
            _x.NextRaw();
            star = true;
        }
        var saved = _font;
        _font = MathFont.Roman;
        var arg = Argument(t);
        _font = saved;
        var kids = MergeLetters(arg.Tag == "mrow" && arg.Children is not null ? arg.Children : arg.IsEmptyRow ? [] : [arg]);
        MathNode node;
        // A name made of text only (letters, digits, signs, thin spaces) is one word, as amsopn sets it: Gam-ma keeps
        // its hyphen, arg\,max is one name with a thin space inside.
        if (NameText(kids) is { } word)
        {
            node = new MathNode("mi", word);
            if (word.Length == 1) node.Set("mathvariant", "normal");
        }
        else node = MathNode.Row(kids);
        node.Class = AtomClass.Op;
        node.IsFunction = true;
        node.Limits = star ? Limits.DisplayOnly : Limits.Never;
        return node;
    }

    /// <summary>amsmath's \sideset{_a^b}{_c^d}\sum: scripts at the four corners of a big operator (mmultiscripts),
    /// which keeps its own limits for the scripts written after it.</summary>
    MathNode Sideset(Token t)
    {
        var (preSub, preSup) = CornerScripts(t, Argument(t));
        var (postSub, postSup) = CornerScripts(t, Argument(t));
        var op = Argument(t);
        var node = MathNode.Element("mmultiscripts", op, postSub, postSup, new MathNode("mprescripts"), preSub, preSup);
        node.Class = AtomClass.Op;
        node.Limits = op.Class == AtomClass.Op ? op.Limits : Limits.Never;
        return node;
    }

    /// <summary>The subscript and superscript of a \sideset argument ({_a^b}, {'}, {}), an empty mrow where one is missing.</summary>
    static (MathNode Sub, MathNode Sup) CornerScripts(Token owner, MathNode arg)
    {
        var none = new MathNode("mrow");
        if (arg.IsEmptyRow) return (none, new MathNode("mrow"));
        if (arg.Tag is "msub" or "msup" or "msubsup" && arg.Children is [{ IsEmptyRow: true }, ..] kids)
        {
            return arg.Tag switch
            {
                "msub" => (kids[1], new MathNode("mrow")),
                "msup" => (none, kids[1]),
                _ => (kids[1], kids[2]),
            };
        }
        throw new TexException(owner.Pos, owner.Length, "\\sideset takes scripts only in its first two arguments: {_a^b}");
    }

    /// <summary>The text of an operator name made of leaves only (mi, mn, mo, mtext and thin spaces), with the math
    /// minus and asterisk read back as the hyphen and star that were typed; null when it holds more structure.</summary>
    static string? NameText(List<MathNode> kids)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var k in kids)
        {
            if (k.Children is not null) return null;
            switch (k.Tag)
            {
                case "mi" or "mn" or "mtext" when k.Text is not null:
                    sb.Append(k.Text);
                    break;
                case "mo" when k.Text is not null:
                    sb.Append(k.Text switch { "\u2212" => "-", "\u2217" => "*", _ => k.Text });
                    break;
                case "mspace" when k.Get("width") == "0.1667em" && k.AttributeCount == 1:
                    sb.Append('\u2009');
                    break;
                case "mrow" when k.Text is null:
                    break;
                default:
                    return null;
            }
        }
        return sb.ToString();
    }

    MathNode FontArgument(Token t, MathFont font)
    {
        if (font == MathFont.Roman && UprightWord() is { } word) return word;
        var saved = _font;
        _font = font;
        var arg = Argument(t);
        _font = saved;
        if (font == MathFont.Roman && arg.Tag == "mrow" && arg.Children is not null)
            return MathNode.Group(MergeLetters(arg.Children));
        return arg;
    }

    /// <summary>\mathrm{KL}, \mathrm{softmax}: a braced run of ASCII letters and nothing else gives the mi that parsing
    /// the group letter by letter and <see cref="MergeLetters"/> would give, without a node per letter. Anything else
    /// (a space, a digit, a command, a script) puts the tokens back for the general path; null then.</summary>
    MathNode? UprightWord()
    {
        // The general path nests two levels (the group, then each letter) and fails there when too deep.
        if (_depth + 2 > MaxDepth || !PeekMath().IsChar('{')) return null;
        var open = NextMath();
        Span<char> letters = stackalloc char[32];
        Span<int> places = stackalloc int[64]; // Pos and Length of each letter's token, to put it back as it was
        int n = 0;
        while (true)
        {
            var t = _x.NextRaw();
            if (n > 0 && t.IsChar('}'))
                return n == 1
                    ? new MathNode("mi", Lexer.CharString(letters[0])).Set("mathvariant", "normal")
                    : new MathNode("mi", new string(letters[..n]));
            if (n < letters.Length && t.Kind == TokenKind.Character && t.Text.Length == 1 && t.Text[0] is >= 'a' and <= 'z' or >= 'A' and <= 'Z')
            {
                letters[n] = t.Text[0];
                places[2 * n] = t.Pos;
                places[2 * n + 1] = t.Length;
                n++;
                continue;
            }
            _x.PushBack(t);
            for (int i = n - 1; i >= 0; i--)
                _x.PushBack(new Token(TokenKind.Character, Lexer.CharString(letters[i]), places[2 * i], places[2 * i + 1]));
            _x.PushBack(open);
            return null;
        }
    }

    MathNode ClassCommand(Token t)
    {
        var arg = Argument(t);
        var cls = t.Text switch
        {
            "mathop" => AtomClass.Op, "mathbin" => AtomClass.Bin, "mathrel" => AtomClass.Rel, "mathopen" => AtomClass.Open,
            "mathclose" => AtomClass.Close, "mathpunct" => AtomClass.Punct, "mathinner" => AtomClass.Inner, _ => AtomClass.Ord,
        };
        var leaves = arg.Tag == "mrow" && arg.Children is not null ? arg.Children : [arg];
        MathNode node;
        // \mathinner{\langle\phi|} (\bra) keeps its atoms; \mathrel{:=}, \mathop{lim} become one token.
        if (cls is not (AtomClass.Ord or AtomClass.Inner) && leaves.Count > 0 && leaves.TrueForAll(k => k.Children is null && k.Tag is "mo" or "mi" or "mn" && k.Text is not null))
        {
            var text = string.Concat(leaves.Select(k => k.Text));
            node = cls == AtomClass.Op ? new MathNode("mi", text) : new MathNode("mo", text);
            if (cls == AtomClass.Op && text.Length == 1 && leaves[0].Tag == "mo") node = new MathNode("mo", text);
            if (cls is AtomClass.Open or AtomClass.Close) node.Set("stretchy", "false");
        }
        else node = cls == AtomClass.Ord ? MathNode.Row([arg]) : arg;
        node.Class = cls;
        if (cls == AtomClass.Op) node.Limits = Limits.DisplayOnly;
        return node;
    }

    MathNode Fraction(Token t)
    {
        var name = t.Text;
        if (name == "genfrac") return GenFrac(t);
        bool saved = _displayStyle;
        int savedLevel = _scriptLevel;
        _displayStyle = name == "cfrac";
        // TeX: the parts of a fraction are one style smaller (display → text, text → script, script → scriptscript).
        _scriptLevel = name switch
        {
            "dfrac" or "dbinom" or "cfrac" => 0,
            "tfrac" or "tbinom" => 1,
            _ => saved ? 0 : System.Math.Min(_scriptLevel + 1, 2),
        };
        var num = Argument(t);
        var den = Argument(t);
        _displayStyle = saved;
        _scriptLevel = savedLevel;
        var frac = MathNode.Element("mfrac", num, den);
        MathNode result = frac;
        if (name.EndsWith("binom", StringComparison.Ordinal))
        {
            frac.Set("linethickness", "0");
            result = MathNode.Element("mrow", Fence("(", "prefix"), frac, Fence(")", "postfix"));
        }
        if (name is "dfrac" or "dbinom" or "cfrac") return MathNode.Row([result]).Set("displaystyle", "true").Set("scriptlevel", "0");
        if (name is "tfrac" or "tbinom") return MathNode.Row([result]).Set("displaystyle", "false").Set("scriptlevel", "0");
        return result;
    }

    MathNode GenFrac(Token t)
    {
        var open = TokensText(_x.ReadArgument(t)).Trim();
        var close = TokensText(_x.ReadArgument(t)).Trim();
        var thickness = TokensText(_x.ReadArgument(t)).Trim();
        var style = TokensText(_x.ReadArgument(t)).Trim();
        var num = Argument(t);
        var den = Argument(t);
        var frac = MathNode.Element("mfrac", num, den);
        if (thickness.Length > 0) frac.Set("linethickness", Em(ParseDimension(thickness, t)));
        MathNode result = frac;
        if (open.Length > 0 || close.Length > 0)
            result = MathNode.Element("mrow", Fence(DelimiterText(open), "prefix"), frac, Fence(DelimiterText(close), "postfix"));
        if (style is "0") return MathNode.Row([result]).Set("displaystyle", "true").Set("scriptlevel", "0");
        if (style is "1") return MathNode.Row([result]).Set("displaystyle", "false").Set("scriptlevel", "0");
        return result;
    }

    static string DelimiterText(string s) => s.StartsWith('\\') && Symbols.Delimiters.TryGetValue(s[1..], out var d) ? d : s == "." ? "" : s;

    MathNode Sqrt(Token t)
    {
        MathNode? index = null;
        if (PeekMath().IsChar('['))
        {
            NextMath();
            bool saved = _displayStyle;
            int savedLevel = _scriptLevel;
            _displayStyle = false;
            _scriptLevel = 2;
            index = MathNode.Group(ParseExpression(stopAtBracket: true));
            _displayStyle = saved;
            _scriptLevel = savedLevel;
            var close = NextMath();
            if (!close.IsChar(']')) throw close.Kind == TokenKind.Eof ? new TexException(t.Pos, t.Length, "Missing ']' for \\sqrt[") : Unexpected(close);
        }
        var body = Argument(t);
        if (index is not null) return MathNode.Element("mroot", body, index);
        var root = new MathNode("msqrt");
        if (body.Tag == "mrow" && body.Children is not null && body.Get("mathcolor") is null) foreach (var k in body.Children) root.Add(k);
        else root.Add(body);
        return root;
    }

    MathNode Accent(Token t, string ch, bool stretchy, bool under)
    {
        var body = Argument(t);
        var mark = new MathNode("mo", ch).Set("stretchy", stretchy ? "true" : "false");
        var node = under
            ? MathNode.Element("munder", body, mark).Set("accentunder", "true")
            : MathNode.Element("mover", body, mark).Set("accent", "true");
        node.Class = body.Class == AtomClass.Op ? AtomClass.Op : AtomClass.Ord;
        node.Limits = body.Limits;
        return node;
    }

    MathNode Brace(Token t, string ch, bool under)
    {
        var body = Argument(t);
        var mark = new MathNode("mo", ch).Set("stretchy", "true");
        var node = under ? MathNode.Element("munder", body, mark) : MathNode.Element("mover", body, mark);
        node.BraceOver = !under;
        node.BraceUnder = under;
        node.Class = AtomClass.Op;
        return node;
    }

    MathNode ExtensibleArrow(Token t, string arrow)
    {
        MathNode? below = null;
        if (PeekMath().IsChar('['))
        {
            NextMath();
            below = Scripted(() => MathNode.Group(ParseExpression(stopAtBracket: true)));
            var close = NextMath();
            if (!close.IsChar(']')) throw Unexpected(close);
            // \xrightarrow[]{a}: an empty label below is no label, as in KaTeX and Temml.
            if (below.IsEmptyRow) below = null;
        }
        var above = Scripted(() => Argument(t));
        var mo = new MathNode("mo", arrow).Set("stretchy", "true").Set("lspace", "0").Set("rspace", "0");
        // The arrow stretches to the widest child; the mspace gives it TeX's minimum length when labels are short.
        MathNode Pad(MathNode n) => MathNode.Element("mover",
            MathNode.Element("mrow", Space("0.4286em"), n, Space("0.4286em")), Space("3.5em"));
        MathNode node = below is null
            ? MathNode.Element("mover", mo, Pad(above))
            : MathNode.Element("munderover", mo, Pad(below), Pad(above));
        node = MathNode.Element("mrow", Space("0.2778em"), node, Space("0.2778em"));
        node.Class = AtomClass.Rel;
        return node;
    }

    T Scripted<T>(Func<T> parse)
    {
        bool saved = _displayStyle;
        int savedLevel = _scriptLevel;
        _displayStyle = false;
        _scriptLevel = System.Math.Min(_scriptLevel + 1, 2);
        try { return parse(); }
        finally
        {
            _displayStyle = saved;
            _scriptLevel = savedLevel;
        }
    }

    bool TryBig(Token t, out MathNode? node)
    {
        node = null;
        var name = t.Text;
        string size;
        string? form = null;
        if (name.Length is < 3 or > 6 || name[0] is not ('b' or 'B')) return false;
        if (BigSizes.TryGetValue(name, out var s)) size = s;
        else if (name.Length > 3 && name[^1] is 'l' or 'r' or 'm' && BigSizes.TryGetValue(name[..^1], out s))
        {
            size = s;
            form = name[^1] switch { 'l' => "prefix", 'r' => "postfix", _ => "infix" };
        }
        else return false;
        var d = ReadDelimiter(t);
        if (d.Length == 0)
        {
            node = new MathNode("mrow");
            return true;
        }
        var mo = new MathNode("mo", d).Set("minsize", size).Set("maxsize", size).Set("stretchy", "true").Set("symmetric", "true");
        if (form is not null) mo.Set("form", form);
        if (form is "prefix" or "postfix") mo.Set("fence", "true");
        else if (form is null) mo.Set("lspace", "0em").Set("rspace", "0em");
        mo.Class = form switch { "prefix" => AtomClass.Open, "postfix" => AtomClass.Close, "infix" => AtomClass.Rel, _ => AtomClass.Ord };
        node = mo;
        return true;
    }

    string ReadDelimiter(Token owner)
    {
        var t = NextMath();
        if (t.Kind == TokenKind.Character)
        {
            switch (t.Text)
            {
                case "(" or ")" or "[" or "]" or "|" or "/" or "↑" or "↓" or "⟨" or "⟩" or "‖" or "⌈" or "⌉" or "⌊" or "⌋": return t.Text;
                case ".": return "";
                case "<": return "⟨";
                case ">": return "⟩";
            }
        }
        else if (t.Kind == TokenKind.ControlSequence && Symbols.Delimiters.TryGetValue(t.Text, out var d)) return d;
        if (t.Kind == TokenKind.Eof) throw new TexException(owner.Pos, owner.Length, $"Missing delimiter after {owner}");
        throw new TexException(t.Pos, t.Length, $"Invalid delimiter '{t}' after {owner}");
    }

    MathNode LeftRight(Token left)
    {
        var open = ReadDelimiter(left);
        var inner = ParseExpression();
        var kids = new List<MathNode>(inner.Count + 2);
        if (open.Length > 0) kids.Add(Fence(open, "prefix"));
        kids.AddRange(inner);
        inner.Clear();
        _spareList = inner; // copied: the next expression may reuse it
        var row = MathNode.Row(kids);
        row.Class = AtomClass.Inner;
        while (true)
        {
            var t = NextMath();
            if (t.IsCs("middle"))
            {
                var m = ReadDelimiter(t);
                if (m.Length > 0)
                    row.Add(new MathNode("mo", m).Set("fence", "true").Set("stretchy", "true").Set("symmetric", "true")
                        .Set("lspace", "0.05em").Set("rspace", "0.05em"));
                foreach (var k in ParseExpression()) row.Add(k);
                continue;
            }
            if (t.IsCs("right"))
            {
                var close = ReadDelimiter(t);
                if (close.Length > 0) row.Add(Fence(close, "postfix"));
                return row;
            }
            if (t.Kind == TokenKind.Eof) throw new TexException(left.Pos, left.Length, "Missing \\right for this \\left");
            throw Unexpected(t);
        }
    }

    MathNode Dots()
    {
        var next = PeekMath();
        bool centered = next.Kind switch
        {
            TokenKind.Character => next.Text is "+" or "-" or "=" or "<" or ">" or "*" or ":",
            TokenKind.ControlSequence => Symbols.Table.TryGetValue(next.Text, out var s) && s.Class is AtomClass.Bin or AtomClass.Rel
                || Symbols.BigOperators.ContainsKey(next.Text),
            _ => false,
        };
        return Op(centered ? "⋯" : "…", AtomClass.Inner);
    }

    MathNode Not()
    {
        var t = PeekMath();
        string? key = t.Kind switch
        {
            TokenKind.Character when t.Text is "=" or "<" or ">" => t.Text,
            TokenKind.ControlSequence when Negations.ContainsKey(t.Text) => t.Text,
            _ => null,
        };
        if (key is not null)
        {
            NextMath();
            return Op(Negations[key], AtomClass.Rel);
        }
        if (t.Kind == TokenKind.ControlSequence && Symbols.Table.TryGetValue(t.Text, out var sym) && sym.Kind == SymbolKind.Operator)
        {
            NextMath();
            return Op(sym.Text + "\u0338", sym.Class);
        }
        if (t.Kind == TokenKind.Character && t.Text.Length == 1 && !char.IsWhiteSpace(t.Text[0]) && t.Text[0] > ' ' && !IsTerminator(t, false) && t.Text[0] is not ('{' or '^' or '_'))
        {
            NextMath();
            return Op(t.Text + "\u0338", AtomClass.Rel);
        }
        return MathNode.Element("mpadded", new MathNode("mtext", "⧸")).Set("width", "0");
    }

    MathNode Substack(Token t)
    {
        var open = NextMath();
        if (!open.IsChar('{')) throw new TexException(t.Pos, t.Length, "\\substack needs a braced argument");
        var table = new MathNode("mtable");
        while (true)
        {
            var cell = ParseExpression();
            table.Add(MathNode.Element("mtr", MathNode.Element("mtd", MathNode.Group(cell)).AppendStyle("padding:0;")));
            var sep = NextMath();
            if (sep.IsCs("\\")) continue;
            if (sep.IsChar('}')) break;
            if (sep.Kind == TokenKind.Eof) throw new TexException(open.Pos, open.Length, "Missing '}' to match this '{'");
            throw Unexpected(sep);
        }
        return table;
    }

    MathNode CharCode(Token t)
    {
        var sb = new StringBuilder();
        var first = NextMath();
        int radix = 10;
        if (first.IsChar('"')) radix = 16;
        else if (first.IsChar('\'')) radix = 8;
        else sb.Append(first.Text);
        while (true)
        {
            var n = _x.PeekRaw();
            if (n.Kind != TokenKind.Character || !Uri.IsHexDigit(n.Text[0])) break;
            _x.NextRaw();
            sb.Append(n.Text);
        }
        try
        {
            int cp = Convert.ToInt32(sb.ToString(), radix);
            if (cp is <= 0x20 or > 0x10FFFF || cp is >= 0xD800 and <= 0xDFFF) throw new FormatException();
            return new MathNode("mi", char.ConvertFromUtf32(cp));
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw new TexException(t.Pos, t.Length, "Invalid character code after \\char");
        }
    }

    MathNode Href(Token t, bool textOnly = false)
    {
        var url = ReadRawText(t).Trim();
        var body = textOnly ? new MathNode("mtext", url) : Argument(t);
        var node = MathNode.Row([body]);
        bool safe = url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || url.StartsWith('#') || url.StartsWith('/')
            || !url.Contains(':');
        if (safe) node.Set("href", url);
        return node;
    }

    static string CancelStyle(string name)
    {
        const string Line = "transparent calc(50% - 0.04em), currentColor calc(50% - 0.04em), currentColor calc(50% + 0.04em), transparent calc(50% + 0.04em)";
        return name switch
        {
            "cancel" => $"background:linear-gradient(to top right, {Line});",
            "bcancel" => $"background:linear-gradient(to bottom right, {Line});",
            "xcancel" => $"background:linear-gradient(to top right, {Line}),linear-gradient(to bottom right, {Line});",
            _ => $"background:linear-gradient(to bottom, {Line});",
        };
    }

    // ---- arguments read as raw text: colours, dimensions, labels ----

    string ReadRawText(Token owner) => TokensText(_x.ReadArgument(owner));

    static string TokensText(List<Token> tokens)
    {
        int length = 0;
        foreach (var t in tokens) length += t.Text.Length + (t.Kind == TokenKind.ControlSequence ? 1 : 0);
        return string.Create(length, tokens, static (span, tokens) =>
        {
            int at = 0;
            foreach (var t in tokens)
            {
                if (t.Kind == TokenKind.ControlSequence) span[at++] = '\\';
                t.Text.CopyTo(span[at..]);
                at += t.Text.Length;
            }
        });
    }

    string ReadColor(Token owner)
    {
        var tokens = _x.ReadArgument(owner);
        var text = TokensText(tokens).Trim();
        bool ok = text.Length is > 0 and < 40;
        foreach (var ch in text) ok &= char.IsAsciiLetterOrDigit(ch) || ch == '#';
        if (!ok) throw new TexException(tokens.Count > 0 ? tokens[0].Pos : owner.Pos, System.Math.Max(1, text.Length), $"Invalid color: '{text}'");
        // TeX writes hex colours without '#' in \color[HTML]{..}; KaTeX accepts a bare 6-digit hex value.
        if (text.Length is 6 or 3 && text.All(Uri.IsHexDigit) && !text.All(char.IsAsciiLetter)) text = "#" + text;
        return text;
    }

    /// <summary>A TeX dimension, braced or not, converted to em.</summary>
    double ReadDimension(Token owner) => ReadDimension(owner, out _);

    /// <summary>A dimension for a space or a rule in math, in em of the current script size: TeX's em, ex and pt
    /// are those of the text font, so in a subscript (70% size) 1em is 1/0.7 of the script's em; mu already
    /// follows the style.</summary>
    double ReadMathDimension(Token owner)
    {
        var em = ReadDimension(owner, out bool mu);
        if (mu || _displayStyle) return em;
        return _scriptLevel switch { 1 => em / 0.7, 2 => em / 0.5, _ => em };
    }

    double ReadDimension(Token owner, out bool mu)
    {
        var t = PeekMath();
        if (t.IsChar('{')) return ParseDimension(ReadRawText(owner), owner, out mu);
        var sb = new StringBuilder();
        while (true)
        {
            var n = _x.PeekRaw();
            if (n.Kind == TokenKind.Space && sb.Length == 0)
            {
                _x.NextRaw();
                continue;
            }
            if (n.Kind != TokenKind.Character || !(char.IsAsciiDigit(n.Text[0]) || n.Text[0] is '.' or '-' or '+' or ',')) break;
            _x.NextRaw();
            sb.Append(n.Text);
        }
        while (_x.PeekRaw().Kind == TokenKind.Space) _x.NextRaw();
        for (int i = 0; i < 2; i++)
        {
            var n = _x.PeekRaw();
            if (n.Kind != TokenKind.Character || !char.IsAsciiLetter(n.Text[0])) break;
            _x.NextRaw();
            sb.Append(n.Text);
        }
        return ParseDimension(sb.ToString(), owner, out mu);
    }

    static double ParseDimension(string text, Token owner) => ParseDimension(text, owner, out _);

    static double ParseDimension(string text, Token owner, out bool mu)
    {
        text = text.Trim().Replace(',', '.');
        int i = 0;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '.' or '-' or '+' or ' ')) i++;
        var number = text[..i].Replace(" ", "");
        var unit = text[i..].Trim();
        mu = unit == "mu";
        if (!double.TryParse(number.Length == 0 || number is "-" or "+" ? number + "1" : number, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            || number.Length == 0)
            throw new TexException(owner.Pos, owner.Length, $"Invalid size: '{text}'");
        double factor = unit switch
        {
            "em" => 1, "ex" => 0.431, "mu" => 1.0 / 18, "pt" => 0.1, "bp" => 0.1004, "px" => 0.1004, "pc" => 1.2,
            "mm" => 0.2845, "cm" => 2.845, "in" => 7.227, "dd" => 0.107, "cc" => 1.284, "sp" => 0.1 / 65536, "nd" => 0.107, "nc" => 1.284,
            _ => throw new TexException(owner.Pos, owner.Length, $"Invalid unit: '{unit}'"),
        };
        var em = v * factor;
        if (double.IsNaN(em) || System.Math.Abs(em) > 1000) throw new TexException(owner.Pos, owner.Length, $"Invalid size: '{text}'");
        return em;
    }

    static string Em(double v) => System.Math.Round(v, 4).ToString(CultureInfo.InvariantCulture) + "em";
}
