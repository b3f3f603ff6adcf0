using System.Text;

namespace Lemma.Math;

/// <summary>How a base places its scripts: TeX's \limits and \nolimits, and the default of big operators.</summary>
internal enum Limits : byte { None, DisplayOnly, Always, Never }

/// <summary>TeX's atom classes, kept where later steps need them (\dots, \not, alignment cells).</summary>
internal enum AtomClass : byte { Ord, Op, Bin, Rel, Open, Close, Punct, Inner }

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

    // Attributes as name, value, name, value… in order of first Set: one array instead of a List and its
    // KeyValuePair array (most nodes with attributes have one or two: mathvariant, stretchy, width).
    string[]? _attributes;
    byte _attributeCount;

    public Limits Limits { get; set; }
    public AtomClass Class { get; set; }
    /// <summary>Operator names (\sin) are followed by U+2061 FUNCTION APPLICATION.</summary>
    public bool IsFunction { get; set; }
    /// <summary>Set on \overbrace (and \underbrace): a superscript (subscript) becomes a label over (under) it.</summary>
    public bool BraceOver { get; set; }
    public bool BraceUnder { get; set; }

    public int AttributeCount => _attributeCount;

    /// <summary>An mrow that takes <paramref name="children"/> as its own list (no copy): the caller gives it up.</summary>
    public static MathNode Row(List<MathNode> children) =>
        new("mrow") { Children = children.Count > 0 ? children : null };

    /// <summary>An mrow, or the single child itself when there is one.</summary>
    public static MathNode Group(List<MathNode> children) => children.Count == 1 ? children[0] : Row(children);

    public static MathNode Element(string tag, params ReadOnlySpan<MathNode> children)
    {
        var list = new List<MathNode>(children.Length);
        foreach (var c in children) list.Add(c);
        return new MathNode(tag) { Children = list.Count > 0 ? list : null };
    }

    public MathNode Add(MathNode child)
    {
        (Children ??= []).Add(child);
        return this;
    }

    public MathNode Set(string name, string value)
    {
        int used = _attributeCount * 2;
        for (int i = 0; i < used; i += 2)
        {
            if (_attributes![i] == name)
            {
                _attributes[i + 1] = value;
                return this;
            }
        }
        if (_attributes is null) _attributes = new string[4];
        else if (used == _attributes.Length) Array.Resize(ref _attributes, used * 2);
        _attributes[used] = name;
        _attributes[used + 1] = value;
        _attributeCount++;
        return this;
    }

    public string? Get(string name)
    {
        int used = _attributeCount * 2;
        for (int i = 0; i < used; i += 2) if (_attributes![i] == name) return _attributes[i + 1];
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
        int used = _attributeCount * 2;
        for (int i = 0; i < used; i += 2)
        {
            string key = _attributes![i], value = _attributes[i + 1];
            if (key == "mathvariant" && Tag == "mi" && value == "normal" && Text is not null && !AutoItalic(Text)) continue;
            sb.Append(' ').Append(key).Append("=\"");
            Escape(sb, value, attribute: true);
            sb.Append('"');
        }
        sb.Append('>');
        if (Text is not null) Escape(sb, Text, attribute: false);
        if (Children is not null) foreach (var c in Children) c.WriteTo(sb);
        sb.Append("</").Append(Tag).Append('>');
    }

    /// <summary>Whether MathML Core's automatic italic (text-transform: math-auto) changes this mi: only a single
    /// Latin or Greek letter, dotless i/j, or one of ∂ ∇ ϵ ϑ ϰ ϕ ϱ ϖ ϴ. Elsewhere mathvariant="normal" is a no-op
    /// and is left out.</summary>
    internal static bool AutoItalic(string text)
    {
        if (text.Length != 1) return false;
        char c = text[0];
        return c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or '\u0131' or '\u0237' or (>= '\u0391' and <= '\u03A9' and not '\u03A2')
            or (>= '\u03B1' and <= '\u03C9') or '\u2202' or '\u2207' or '\u03F5' or '\u03D1' or '\u03F0' or '\u03D5' or '\u03F1' or '\u03D6' or '\u03F4';
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        WriteTo(sb);
        return sb.ToString();
    }

    /// <summary>Characters that <see cref="Escape(StringBuilder, string, bool)"/> must rewrite: markup and controls.</summary>
    static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create(
        "&<>\"\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    public static void Escape(StringBuilder sb, string text, bool attribute)
    {
        // Most text needs no escaping: append it whole. One character above '>' (a letter, an operator) never does.
        if (text.Length == 1 && text[0] > '>')
        {
            sb.Append(text[0]);
            return;
        }
        if (text.AsSpan().IndexOfAny(Special) < 0)
        {
            sb.Append(text);
            return;
        }
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
