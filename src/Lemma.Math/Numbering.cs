using System.Text;

namespace Lemma.Math;

/// <summary>Wraps a converted formula in &lt;math&gt; and, for numbered display equations, in the
/// div.equation with its number; registers labels in the document.</summary>
internal static class Numbering
{
    public static string Finish(string tex, bool display, MathNode root, Parser parser, MathDocument doc)
    {
        if (root.Get("class") is "eqref" or "ref" && root.Get("href") is { } href && root.Children is [{ Tag: "mtext" } text])
            return $"<a class=\"{root.Get("class")}\" href=\"{MathNode.Escape(href)}\">{text.Text}</a>";

        if (parser.TopRows is { } rows) return Rows(tex, root, rows, parser.TopNumbered, doc);

        // No \tag, \label or \nonumber, and not an equation environment: nothing to number or check.
        if (parser.RowIfAny is null && !(display && parser.TopNumbered)) return Wrap(tex, display, root);
        var row = parser.Row;
        bool numbered = display && !row.NoNumber && (parser.TopNumbered || row.Tag is not null || row.Label is not null);
        if (!numbered)
        {
            CheckLabel(row, doc);
            return Wrap(tex, display, root);
        }
        CheckLabel(row, doc);
        var (number, shown) = Number(row, doc);
        var id = row.Label is not null ? MathDocument.AnchorId(row.Label) : row.Tag is null ? $"eq-{number}" : MathDocument.AnchorId("tag-" + number);
        if (row.Label is not null) doc.DefineLabel(row.Label, number);
        return $"<div class=\"equation\" id=\"{MathNode.Escape(id)}\">{Wrap(tex, true, root)}<span class=\"eqno\">{shown}</span></div>";
    }

    static void CheckLabel(RowInfo row, MathDocument doc)
    {
        if (row.Label is not null && doc.HasLabel(row.Label))
            throw new TexException(row.LabelToken.Pos, row.LabelToken.Length, $"Label '{row.Label}' is defined twice");
    }

    /// <summary>The number as plain text (for references) and as HTML for the eqno span.</summary>
    static (string Text, string Html) Number(RowInfo row, MathDocument doc)
    {
        if (row.Tag is null)
        {
            var n = (++doc.EquationCount).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return (n, $"({n})");
        }
        var text = PlainText(row.Tag);
        string inner = row.Tag.Tag == "mtext" && row.Tag.Children is null
            ? MathNode.Escape(text)
            : $"<math>{row.Tag}</math>";
        return (text, row.TagStar ? inner : $"({inner})");
    }

    static string Rows(string tex, MathNode root, List<RowInfo> rows, bool numbered, MathDocument doc)
    {
        var seen = new HashSet<string>();
        foreach (var r in rows)
        {
            CheckLabel(r, doc);
            if (r.Label is not null && !seen.Add(r.Label))
                throw new TexException(r.LabelToken.Pos, r.LabelToken.Length, $"Label '{r.Label}' is defined twice");
        }
        bool any = rows.Exists(r => r.Tag is not null || (numbered && !r.NoNumber));
        if (!any) return Wrap(tex, true, root);
        foreach (var r in rows)
        {
            var tr = r.TableRow!;
            // Out of flow, at the right edge of div.equation (position:relative) and level with its row: Chromium's
            // MathML layout ignores a percentage width on mtable, so spacer columns cannot push numbers to the margin.
            var eqno = new MathNode("mtd").Set("class", "eqno").Set("style", "position:absolute;right:0;padding:0.5ex 0;");
            if (r.Tag is not null || (numbered && !r.NoNumber))
            {
                var (number, _) = Number(r, doc);
                eqno.Set("id", r.Label is not null ? MathDocument.AnchorId(r.Label) : r.Tag is null ? $"eq-{number}" : MathDocument.AnchorId("tag-" + number));
                if (r.Tag is null) eqno.Add(new MathNode("mtext", $"({number})"));
                else if (r.TagStar) eqno.Add(r.Tag);
                else eqno.Add(MathNode.Element("mrow", new MathNode("mtext", "("), r.Tag, new MathNode("mtext", ")")));
                if (r.Label is not null) doc.DefineLabel(r.Label, number);
            }
            tr.Add(eqno);
        }
        return $"<div class=\"equation\" style=\"position:relative\">{Wrap(tex, true, root)}</div>";
    }

    static string PlainText(MathNode n)
    {
        var sb = new StringBuilder();
        void Walk(MathNode x)
        {
            if (x.Text is not null) sb.Append(x.Text);
            if (x.Children is not null) foreach (var c in x.Children) Walk(c);
        }
        Walk(n);
        return sb.ToString().Replace('\u00A0', ' ').Trim();
    }

    /// <summary>One output buffer per thread, reused from formula to formula (the renderer is shared by threads).</summary>
    [ThreadStatic] static StringBuilder? _buffer;

    public static string Wrap(string tex, bool display, MathNode root)
    {
        var sb = _buffer ??= new StringBuilder(1024);
        sb.Clear();
        if (sb.Capacity > 1 << 20) sb.Capacity = 1024; // do not keep a huge formula's buffer alive
        sb.Append(display ? "<math display=\"block\"><semantics>" : "<math><semantics>");
        root.WriteTo(sb);
        sb.Append("<annotation encoding=\"application/x-tex\">");
        MathNode.Escape(sb, tex, attribute: false);
        sb.Append("</annotation></semantics></math>");
        var html = sb.ToString();
        sb.Clear();
        return html;
    }
}
