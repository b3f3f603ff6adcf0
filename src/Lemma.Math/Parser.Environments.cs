namespace Lemma.Math;

internal sealed partial class Parser
{
    sealed class ArrayRow
    {
        public List<List<MathNode>> Cells { get; } = [];
        public List<string>? LinesAbove; // made by the first \hline or \hdashline
        public RowInfo Info { get; } = new();
        public int Pos;
    }

    static readonly HashSet<string> NumberedEnvironments =
        ["equation", "equation*", "align", "align*", "gather", "gather*", "alignat", "alignat*", "multline", "multline*", "flalign", "flalign*"];

    MathNode Environment(Token begin)
    {
        var nameTokens = _x.ReadArgument(begin);
        var name = TokensText(nameTokens).Trim();
        if (NumberedEnvironments.Contains(name))
        {
            if (!_display) throw new TexException(begin.Pos, begin.Length, $"{{{name}}} can be used only in display mode");
            if (_depth != 1 || HasTopEnvironment) throw new TexException(begin.Pos, begin.Length, $"{{{name}}} must be the whole formula; use {{aligned}} or {{gathered}} inside");
            HasTopEnvironment = true;
        }
        MathNode node = name switch
        {
            "matrix" or "matrix*" => Matrix(begin, name, null, null),
            "pmatrix" or "pmatrix*" => Matrix(begin, name, "(", ")"),
            "bmatrix" or "bmatrix*" => Matrix(begin, name, "[", "]"),
            "Bmatrix" or "Bmatrix*" => Matrix(begin, name, "{", "}"),
            "vmatrix" or "vmatrix*" => Matrix(begin, name, "|", "|"),
            "Vmatrix" or "Vmatrix*" => Matrix(begin, name, "‖", "‖"),
            "smallmatrix" => Scripted(() => Matrix(begin, name, null, null)).Set("scriptlevel", "1"),
            "array" or "darray" or "subarray" => ArrayEnvironment(begin, name),
            "cases" or "dcases" or "rcases" or "drcases" => Cases(begin, name),
            "aligned" or "split" or "alignedat" => Aligned(begin, name, top: false),
            "align" or "align*" or "alignat" or "alignat*" or "flalign" or "flalign*" => Aligned(begin, name, top: true),
            "gathered" => Gathered(begin, name, top: false),
            "gather" or "gather*" or "multline" or "multline*" => Gathered(begin, name, top: true),
            "equation" or "equation*" => Equation(begin, name),
            "CD" => CommutativeDiagram(begin),
            _ => throw new TexException(begin.Pos, begin.Length + 2 + name.Length, $"Unknown environment '{name}'"),
        };
        ExpectEnd(begin, name);
        return node;
    }

    void ExpectEnd(Token begin, string name)
    {
        var t = NextMath();
        if (t.Kind == TokenKind.Eof) throw new TexException(begin.Pos, begin.Length, $"Missing \\end{{{name}}}");
        if (!t.IsCs("end")) throw Unexpected(t);
        var endName = TokensText(_x.ReadArgument(t)).Trim();
        if (endName != name)
            throw new TexException(t.Pos, t.Length + endName.Length + 2, $"Mismatched environment: \\begin{{{name}}} ended by \\end{{{endName}}}");
    }

    List<ArrayRow> ParseRows(Token begin, string name, bool numberedRows)
    {
        var rows = new List<ArrayRow>();
        var row = new ArrayRow { Pos = begin.Pos };
        var outer = RowIfAny;
        try
        {
            while (true)
            {
                if (row.Cells.Count == 0)
                {
                    while (PeekMath() is { Kind: TokenKind.ControlSequence, Text: "hline" or "hdashline" } line)
                    {
                        NextMath();
                        (row.LinesAbove ??= []).Add(line.Text == "hline" ? "solid" : "dashed");
                    }
                }
                if (numberedRows) Row = row.Info;
                row.Cells.Add(ParseExpression());
                var t = PeekMath();
                if (t.IsChar('&'))
                {
                    NextMath();
                    continue;
                }
                if (t.IsCs("\\"))
                {
                    NextMath();
                    _x.ReadOptional();
                    rows.Add(row);
                    row = new ArrayRow { Pos = t.Pos };
                    continue;
                }
                if (t.IsCs("end"))
                {
                    rows.Add(row);
                    break;
                }
                if (t.Kind == TokenKind.Eof) throw new TexException(begin.Pos, begin.Length, $"Missing \\end{{{name}}}");
                throw Unexpected(t);
            }
        }
        finally
        {
            _row = outer;
        }
        // A final \\ makes no empty row (but its \hline is a bottom rule).
        var last = rows[^1];
        if (rows.Count > 1 && last.Cells.Count == 1 && last.Cells[0].Count == 0 && last.Info.Tag is null && last.Info.Label is null)
        {
            rows.RemoveAt(rows.Count - 1);
            if (last.LinesAbove is [var below, ..])
                foreach (var c in rows[^1].Cells) c.Insert(0, new MathNode("mrow") { Tag = "@below:" + below });
        }
        return rows;
    }

    /// <summary>Builds an mtable; style(column, columns) gives each cell's CSS.</summary>
    MathNode Table(List<ArrayRow> rows, Func<int, string> cellStyle, bool leftCellsInfix = false)
    {
        var table = new MathNode("mtable");
        foreach (var row in rows)
        {
            var tr = new MathNode("mtr");
            row.Info.TableRow = tr;
            for (int c = 0; c < row.Cells.Count; c++)
            {
                var kids = row.Cells[c];
                string extra = "";
                if (kids.Count > 0 && kids[0].Tag.StartsWith("@below:", StringComparison.Ordinal))
                {
                    extra = $"border-bottom:0.06em {kids[0].Tag[7..]};";
                    kids.RemoveAt(0);
                }
                if (leftCellsInfix && c % 2 == 1 && kids.Count > 0 && kids[0].Tag == "mo" && kids[0].Class is AtomClass.Rel or AtomClass.Bin)
                    kids[0].Set("form", "infix");
                var td = new MathNode("mtd");
                if (kids.Count > 0) td.Add(MathNode.Group(kids));
                var style = cellStyle(c) + extra;
                if (row.LinesAbove is [var above, ..]) style += $"border-top:0.06em {above};";
                if (style.Length > 0) td.Set("style", style);
                tr.Add(td);
            }
            table.Add(tr);
        }
        return table;
    }

    MathNode Matrix(Token begin, string name, string? open, string? close)
    {
        string align = "center";
        if (name.EndsWith('*'))
        {
            var opt = _x.ReadOptional();
            if (opt is not null)
                align = TokensText(opt).Trim() switch { "l" => "left", "r" => "right", _ => "center" };
        }
        var rows = ParseRows(begin, name, numberedRows: false);
        var style = align == "center" ? "" : $"text-align:{align};";
        if (name == "smallmatrix") style += "padding:0.1em 0.2em;";
        var table = Table(rows, _ => style);
        if (open is null) return table;
        return MathNode.Element("mrow", Fence(open, "prefix"), table, Fence(close!, "postfix"));
    }

    MathNode ArrayEnvironment(Token begin, string name)
    {
        var specTokens = _x.ReadArgument(begin);
        var (aligns, borders) = ParseColumnSpec(TokensText(specTokens), specTokens.Count > 0 ? specTokens[0] : begin);
        var rows = name == "subarray"
            ? Scripted(() => ParseRows(begin, name, numberedRows: false))
            : ParseRows(begin, name, numberedRows: false);
        var table = Table(rows, c =>
        {
            var style = c < aligns.Count && aligns[c] != "center" ? $"text-align:{aligns[c]};" : "";
            if (c < borders.Count && borders[c] is { } left) style += $"border-left:{Rule(left)};";
            if (c == aligns.Count - 1 && borders.Count > aligns.Count && borders[aligns.Count] is { } right) style += $"border-right:{Rule(right)};";
            if (name == "subarray") style += "padding:0;";
            return style;
        });
        if (name == "darray") table.Set("displaystyle", "true");
        if (name == "subarray") table.Set("scriptlevel", "1");
        return table;
    }

    static string Rule(string style) => style == "double" ? "0.2em double" : "0.06em " + style;

    /// <summary>Column alignments and the rule before each column (and after the last).</summary>
    static (List<string> Aligns, List<string?> Borders) ParseColumnSpec(string spec, Token at)
    {
        var aligns = new List<string>();
        var borders = new List<string?> { null };
        for (int i = 0; i < spec.Length; i++)
        {
            char c = spec[i];
            switch (c)
            {
                case 'l': aligns.Add("left"); borders.Add(null); break;
                case 'c': aligns.Add("center"); borders.Add(null); break;
                case 'r': aligns.Add("right"); borders.Add(null); break;
                case 'p' or 'm' or 'b':
                    aligns.Add("left");
                    borders.Add(null);
                    i = SkipBraced(spec, i + 1);
                    break;
                case '|' or ':':
                    borders[^1] = borders[^1] is null ? (c == '|' ? "solid" : "dashed") : "double";
                    break;
                case '@' or '!': i = SkipBraced(spec, i + 1); break;
                case ' ' or '\t' or '\n': break;
                default: throw new TexException(at.Pos, at.Length, $"Unknown column alignment: '{c}'");
            }
        }
        return (aligns, borders);
    }

    static int SkipBraced(string s, int i)
    {
        while (i < s.Length && s[i] == ' ') i++;
        if (i >= s.Length || s[i] != '{') return i - 1;
        int depth = 0;
        for (; i < s.Length; i++)
        {
            if (s[i] == '{') depth++;
            else if (s[i] == '}' && --depth == 0) return i;
        }
        return s.Length;
    }

    MathNode Cases(Token begin, string name)
    {
        bool display = name.StartsWith('d');
        bool saved = _displayStyle;
        _displayStyle = display;
        var rows = ParseRows(begin, name, numberedRows: false);
        _displayStyle = saved;
        var table = Table(rows, c => c == 0 ? "text-align:left;padding-left:0;" : "text-align:left;padding-left:1em;");
        if (display) table.Set("displaystyle", "true");
        return name.Contains('r')
            ? MathNode.Element("mrow", table, Fence("}", "postfix"))
            : MathNode.Element("mrow", Fence("{", "prefix"), table);
    }

    MathNode Aligned(Token begin, string name, bool top)
    {
        if (name.StartsWith("alignat", StringComparison.Ordinal) || name == "alignedat") _x.ReadArgument(begin);
        bool gap = !name.StartsWith("alignat", StringComparison.Ordinal) && name != "alignedat";
        bool saved = _displayStyle;
        _displayStyle = true;
        var rows = ParseRows(begin, name, numberedRows: top);
        _displayStyle = saved;
        var table = Table(rows, c => c % 2 == 0
            ? "text-align:right;padding-right:0;" + (c > 0 && gap ? "padding-left:2em;" : c > 0 ? "padding-left:0;" : "")
            : "text-align:left;padding-left:0;", leftCellsInfix: true);
        table.Set("displaystyle", "true");
        if (top) SetTopRows(rows, !name.EndsWith('*'));
        return table;
    }

    MathNode Gathered(Token begin, string name, bool top)
    {
        bool saved = _displayStyle;
        _displayStyle = true;
        var rows = ParseRows(begin, name, numberedRows: top);
        _displayStyle = saved;
        bool multline = name.StartsWith("multline", StringComparison.Ordinal);
        var table = Table(rows, _ => "");
        if (multline && rows.Count > 1)
        {
            rows[0].Info.TableRow!.Children![0].Set("style", "text-align:left;");
            rows[^1].Info.TableRow!.Children![0].Set("style", "text-align:right;");
        }
        table.Set("displaystyle", "true");
        if (top) SetTopRows(rows, !name.EndsWith('*'));
        return table;
    }

    void SetTopRows(List<ArrayRow> rows, bool numbered)
    {
        TopRows = rows.ConvertAll(r => r.Info);
        TopNumbered = numbered;
    }

    MathNode Equation(Token begin, string name)
    {
        TopNumbered = !name.EndsWith('*');
        var kids = ParseExpression();
        return MathNode.Group(kids);
    }

    int _cd; // > 0 inside {CD}: '@' starts an arrow

    /// <summary>amscd's {CD}, as KaTeX and Temml read it: rows of objects and horizontal arrows (@>a>b>, @<<<,
    /// @=, @.) alternate with rows of vertical arrows (@VaVbV, @AAA, @|, @.) that sit under the objects.</summary>
    MathNode CommutativeDiagram(Token begin)
    {
        _cd++;
        var rows = new List<List<MathNode>>();
        while (true)
        {
            var cells = new List<MathNode>();
            var objects = new List<MathNode>();
            while (true)
            {
                objects.AddRange(ParseExpression());
                var t = PeekMath();
                if (!t.IsChar('@')) break;
                NextMath();
                cells.Add(CdObject(objects));
                objects = [];
                cells.Add(CdArrow(t));
            }
            // A vertical-arrow row (odd) keeps the gaps between its arrows but not the empty cell before the first.
            if (rows.Count % 2 == 0) cells.Add(CdObject(objects));
            else if (cells.Count > 0) cells.RemoveAt(0);
            rows.Add(cells);
            var end = PeekMath();
            if (end.IsCs("\\"))
            {
                NextMath();
                _x.ReadOptional();
                continue;
            }
            if (end.IsCs("end")) break;
            if (end.Kind == TokenKind.Eof) throw new TexException(begin.Pos, begin.Length, "Missing \\end{CD}");
            throw Unexpected(end);
        }
        _cd--;
        // A final \\ makes no empty row.
        if (rows.Count > 1 && rows[^1] is [{ Children: null }] or []) rows.RemoveAt(rows.Count - 1);
        var table = new MathNode("mtable");
        foreach (var cells in rows)
        {
            var tr = new MathNode("mtr");
            for (int c = 0; c < cells.Count; c++)
            {
                var style = c == 0 ? "padding-left:0em;padding-right:0.25em;"
                    : c == cells.Count - 1 ? "padding-left:0.25em;padding-right:0em;" : "padding-left:0.25em;padding-right:0.25em;";
                tr.Add(MathNode.Element("mtd", cells[c]).Set("style", style));
            }
            table.Add(tr);
        }
        return table;
    }

    MathNode CdObject(List<MathNode> objects) =>
        MathNode.Row(objects).Set("displaystyle", "true").Set("scriptlevel", "0");

    MathNode CdArrow(Token at)
    {
        var c = _x.NextRaw();
        var kind = c.Kind == TokenKind.Character ? c.Text : "";
        switch (kind)
        {
            case ">" or "<":
            {
                var above = CdLabel(_x.ReadBalanced(c, kind[0]), at);
                var below = CdLabel(_x.ReadBalanced(c, kind[0]), at);
                var mo = new MathNode("mo", kind == ">" ? "→" : "←").Set("stretchy", "true").Set("lspace", "0").Set("rspace", "0");
                MathNode Pad(MathNode? n) => MathNode.Element("mover",
                    MathNode.Element("mrow", Space("0.4286em"), n ?? new MathNode("mrow"), Space("0.4286em")), Space("6em"));
                var arrow = below is null
                    ? MathNode.Element("mover", mo, Pad(above))
                    : MathNode.Element("munderover", mo, Pad(below), Pad(above));
                return MathNode.Element("mrow", Space("0.2778em"), arrow, Space("0.2778em"));
            }
            case "=":
            {
                var mo = new MathNode("mo", "=").Set("stretchy", "true").Set("lspace", "0").Set("rspace", "0");
                return MathNode.Element("mrow", Space("0.2778em"), MathNode.Element("mover", mo, Space("4.2857em")), Space("0.2778em"));
            }
            case "V" or "A" or "|":
            {
                MathNode? left = null, right = null;
                if (kind != "|")
                {
                    left = CdLabel(_x.ReadBalanced(c, kind[0]), at);
                    right = CdLabel(_x.ReadBalanced(c, kind[0]), at);
                }
                var mo = new MathNode("mo", kind switch { "V" => "↓", "A" => "↑", _ => "‖" })
                    .Set("fence", "false").Set("stretchy", "true").Set("symmetric", "true").Set("minsize", "1.8em").Set("maxsize", "1.8em");
                // Labels in script size, centred on the arrow by a one-cell table, taking no width: the left one
                // is moved left of the arrow by its own width.
                MathNode Side(MathNode? label, bool leftSide)
                {
                    if (label is null) return new MathNode("mrow");
                    var cell = MathNode.Element("mtd", leftSide
                        ? MathNode.Element("mrow", label, Space("0.2em")) : MathNode.Element("mrow", Space("0.2em"), label)).Set("style", "padding:0;");
                    var pad = MathNode.Element("mpadded", MathNode.Element("mtable", MathNode.Element("mtr", cell)))
                        .Set("width", "0").Set("displaystyle", "false").Set("scriptlevel", "1");
                    return leftSide ? pad.Set("lspace", "-100%") : pad;
                }
                return MathNode.Element("mrow", Side(left, true), mo, Side(right, false));
            }
            case ".":
                return new MathNode("mrow");
        }
        throw new TexException(at.Pos, at.Length + c.Length, $"Invalid arrow in {{CD}}: '@{c}'");
    }

    /// <summary>A label of a {CD} arrow, parsed as math in script style; null when empty.</summary>
    MathNode? CdLabel(List<Token> tokens, Token at)
    {
        if (tokens.TrueForAll(t => t.Kind == TokenKind.Space)) return null;
        // The label's tokens, then a closing brace that ends the expression.
        tokens.Add(new Token(TokenKind.Character, "}", at.Pos, at.Length));
        _x.PushBack(tokens);
        var label = Scripted(() => MathNode.Group(ParseExpression()));
        var close = NextMath();
        if (!close.IsChar('}')) throw Unexpected(close);
        return label;
    }
}
