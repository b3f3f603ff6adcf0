using System.Text;

namespace Lemma.Math;

/// <summary>How a base places its scripts: TeX's \limits and \nolimits, and the default of big operators.</summary>
internal enum Limits { None, DisplayOnly, Always, Never }

/// <summary>TeX's atom classes, kept where later steps need them (\dots, \not, alignment cells).</summary>
internal enum AtomClass { Ord, Op, Bin, Rel, Open, Close, Punct, Inner }

/// <summary>One MathML element (or a text leaf of its parent) of the output tree.</summary>
internal sealed class MathNode
{
    public MathNode(string tag, string? text = null)
    {
        Tag = tag;
        Text = text;
    }

    public string Tag { get; set; }
    public string? Text { get; set; }
    public List<MathNode>? Children { get; private set; }
    public List<KeyValuePair<string, string>>? Attributes { get; private set; }

    public Limits Limits { get; set; }
    public AtomClass Class { get; set; }
    /// <summary>Operator names (\sin) are followed by U+2061 FUNCTION APPLICATION.</summary>
    public bool IsFunction { get; set; }
    /// <summary>Set on \overbrace (and \underbrace): a superscript (subscript) becomes a label over (under) it.</summary>
    public bool BraceOver { get; set; }
    public bool BraceUnder { get; set; }

    public static MathNode Row(IEnumerable<MathNode> children)
    {
        var row = new MathNode("mrow");
        foreach (var c in children) row.Add(c);
        return row;
    }

    /// <summary>An mrow, or the single child itself when there is one.</summary>
    public static MathNode Group(List<MathNode> children) => children.Count == 1 ? children[0] : Row(children);

    public static MathNode Element(string tag, params MathNode[] children)
    {
        var n = new MathNode(tag);
        foreach (var c in children) n.Add(c);
        return n;
    }

    public MathNode Add(MathNode child)
    {
        (Children ??= []).Add(child);
        return this;
    }

    public MathNode Set(string name, string value)
    {
        Attributes ??= [];
        for (int i = 0; i < Attributes.Count; i++)
        {
            if (Attributes[i].Key == name)
            {
                Attributes[i] = new(name, value);
                return this;
            }
        }
        Attributes.Add(new(name, value));
        return this;
    }

    public string? Get(string name)
    {
        if (Attributes is null) return null;
        foreach (var a in Attributes) if (a.Key == name) return a.Value;
        return null;
    }

    public MathNode AppendStyle(string css)
    {
        var old = Get("style");
        return Set("style", old is null ? css : old + css);
    }

    public bool IsEmptyRow => Tag == "mrow" && (Children is null || Children.Count == 0) && Text is null;

    public void WriteTo(StringBuilder sb)
    {
        sb.Append('<').Append(Tag);
        if (Attributes is not null)
        {
            foreach (var a in Attributes)
            {
                sb.Append(' ').Append(a.Key).Append("=\"");
                Escape(sb, a.Value, attribute: true);
                sb.Append('"');
            }
        }
        sb.Append('>');
        if (Text is not null) Escape(sb, Text, attribute: false);
        if (Children is not null) foreach (var c in Children) c.WriteTo(sb);
        sb.Append("</").Append(Tag).Append('>');
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        WriteTo(sb);
        return sb.ToString();
    }

    public static void Escape(StringBuilder sb, string text, bool attribute)
    {
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"' when attribute: sb.Append("&quot;"); break;
                default:
                    // Control characters are not allowed in XML; the source never needs them in output.
                    if (ch < ' ' && ch != '\n' && ch != '\t') sb.Append(' ');
                    else sb.Append(ch);
                    break;
            }
        }
    }

    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        Escape(sb, text, attribute: true);
        return sb.ToString();
    }
}
