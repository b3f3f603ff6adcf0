using System.Collections.Immutable;

namespace Lemma.Markdown.Attributes;

/// <summary>
/// One attribute list as written: Pandoc's and Markdig's <c>{#id .class key=value}</c>, or kramdown's
/// <c>{: #id .class key="value" ref}</c> (an IAL) and <c>{:name: ...}</c> (an attribute list definition, ALD).
/// <see cref="Parse"/> is strict on purpose: braces that are not exactly this grammar are prose
/// (<c>{x: y}</c>, <c>{name}</c>, <c>\eqref{eq:ab}</c>), so a bare word is never an attribute outside kramdown's form.
/// </summary>
public sealed record AttributeList(
    string? Id,
    ImmutableArray<string> Classes,
    ImmutableArray<KeyValuePair<string, string>> Properties,
    ImmutableArray<string> References,
    bool Kramdown,
    string? Definition,
    int Length)
{
    /// <summary>Lists longer than this are not read: no real list is, and a stray brace must not scan a whole page.</summary>
    private const int MaxLength = 2000;

    /// <summary>Whether the list sets an id or a class: what a list at the end of a paragraph must do to be one.</summary>
    public bool HasIdOrClass => Id is not null || Classes.Length > 0;

    /// <summary>
    /// The list that starts at <paramref name="text"/>[0] (a '{'), or null when the braces there are not one.
    /// <see cref="Length"/> is how many characters it takes, braces included; it never crosses a line.
    /// </summary>
    public static AttributeList? Parse(ReadOnlySpan<char> text)
    {
        if (text.Length < 3 || text[0] != '{') return null;
        var i = 1;
        var kramdown = text[1] == ':';
        string? definition = null;
        if (kramdown)
        {
            i = 2;
            if (i < text.Length && text[i] == ':') return null; // {::name} is an extension, not a list
            // {:name: ...} defines a list others refer to by name
            var nameEnd = ScanName(text, i);
            if (nameEnd > i && nameEnd < text.Length && text[nameEnd] == ':')
            {
                definition = text[i..nameEnd].ToString();
                i = nameEnd + 1;
            }
        }

        string? id = null;
        var classes = ImmutableArray.CreateBuilder<string>();
        var properties = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        var references = ImmutableArray.CreateBuilder<string>();
        var limit = System.Math.Min(text.Length, MaxLength);
        while (true)
        {
            while (i < limit && text[i] is ' ' or '\t') i++;
            if (i >= limit || text[i] is '\n' or '\r') return null;
            if (text[i] == '}') break;
            switch (text[i])
            {
                case '#':
                {
                    var end = ScanIdentifier(text, i + 1, limit);
                    if (end == i + 1) return null;
                    id = text[(i + 1)..end].ToString();
                    i = end;
                    break;
                }
                case '.':
                {
                    var end = ScanIdentifier(text, i + 1, limit);
                    if (end == i + 1) return null;
                    classes.Add(text[(i + 1)..end].ToString());
                    i = end;
                    break;
                }
                default:
                {
                    var end = ScanName(text, i);
                    if (end == i) return null;
                    var name = text[i..end].ToString();
                    if (end < limit && text[end] == '=')
                    {
                        var (value, after) = ScanValue(text, end + 1, limit);
                        if (value is null) return null;
                        if (name.Equals("id", StringComparison.OrdinalIgnoreCase)) id = value;
                        else if (name.Equals("class", StringComparison.OrdinalIgnoreCase))
                            classes.AddRange(value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                        else properties.Add(new(name, value));
                        i = after;
                    }
                    else if (kramdown) { references.Add(name); i = end; } // a reference to an ALD (or kramdown's "toc")
                    else return null; // a bare word: prose, not a list
                    break;
                }
            }
            if (i < limit && text[i] is not (' ' or '\t' or '}')) return null;
        }
        var empty = id is null && classes.Count == 0 && properties.Count == 0 && references.Count == 0;
        if (empty && !kramdown) return null; // {} and { } are text
        return new AttributeList(id, classes.ToImmutable(), properties.ToImmutable(), references.ToImmutable(), kramdown, definition, i + 1);
    }

    /// <summary>The end of an id or class name: a letter or '_' first, then letters, digits, '-', '_', ':', '.' (ids) or '/'.</summary>
    private static int ScanIdentifier(ReadOnlySpan<char> text, int start, int limit)
    {
        if (start >= limit || !(char.IsLetter(text[start]) || text[start] == '_' || (text[start] == '-' && start + 1 < limit && char.IsLetter(text[start + 1]))))
            return start;
        var i = start + 1;
        while (i < limit && (char.IsLetterOrDigit(text[i]) || text[i] is '-' or '_' or ':' or '.' or '/')) i++;
        while (i > start && text[i - 1] is '.' or ':') i--; // "{#fig.}" ends before the dot
        return i;
    }

    /// <summary>The end of a key or reference name: a letter, digit or '_' first, then those, '-', ':' and '.'.</summary>
    private static int ScanName(ReadOnlySpan<char> text, int start)
    {
        var i = start;
        if (i >= text.Length || !(char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_')) return i;
        i++;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '-' or '_' or '.' or ':')) i++;
        while (i > start && text[i - 1] is ':' or '.') i--;
        return i;
    }

    /// <summary>A quoted value (a backslash escapes the quote) or a bare one up to a space or '}'.</summary>
    private static (string? Value, int After) ScanValue(ReadOnlySpan<char> text, int start, int limit)
    {
        if (start >= limit) return (null, start);
        var quote = text[start];
        if (quote is '"' or '\'')
        {
            var value = new System.Text.StringBuilder();
            for (var i = start + 1; i < limit; i++)
            {
                if (text[i] is '\n' or '\r') return (null, i);
                if (text[i] == '\\' && i + 1 < limit && (text[i + 1] == quote || text[i + 1] == '\\' || text[i + 1] == '}')) { value.Append(text[++i]); continue; }
                if (text[i] == quote) return (value.ToString(), i + 1);
                value.Append(text[i]);
            }
            return (null, limit);
        }
        var end = start;
        while (end < limit && text[end] is not (' ' or '\t' or '}' or '\n' or '\r' or '"' or '\'' or '{')) end++;
        return end > start ? (text[start..end].ToString(), end) : (null, end);
    }
}
