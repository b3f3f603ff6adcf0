using System.Collections.Immutable;
using System.Text;

namespace Lemma.Markdown.Shortcodes;

/// <summary>
/// Finds the shortcode tags of a body, in order, with their positions. A tag that does not parse (no closing
/// delimiter, no name) is not a tag: its text stays as it is.
/// </summary>
public static class ShortcodeScanner
{
    public static ImmutableArray<ShortcodeTag> Scan(string body)
    {
        var tags = ImmutableArray.CreateBuilder<ShortcodeTag>();
        var (line, lineStart) = (0, 0);
        var at = 0;
        while ((at = body.IndexOf("{{", at, StringComparison.Ordinal)) >= 0)
        {
            for (var i = lineStart; i < at; i++) if (body[i] == '\n') { line++; lineStart = i + 1; }
            if (at + 2 < body.Length && (body[at + 2] == '<' || body[at + 2] == '%') && Read(body, at, line, at - lineStart) is { } tag)
            {
                tags.Add(tag);
                at = tag.End;
            }
            else at += 2;
        }
        return tags.ToImmutable();
    }

    private static ShortcodeTag? Read(string body, int start, int line, int column)
    {
        var markdown = body[start + 2] == '%';
        var close = markdown ? "%}}" : ">}}";
        var i = SkipSpace(body, start + 3);
        var comment = Starts(body, i, "/*");
        if (comment) i = SkipSpace(body, i + 2);
        var closing = i < body.Length && body[i] == '/';
        if (closing) i = SkipSpace(body, i + 1);
        var nameStart = i;
        while (i < body.Length && (char.IsLetterOrDigit(body[i]) || body[i] is '_' or '-' or '.' or '/')) i++;
        if (i == nameStart) return null;
        var name = body[nameStart..i].TrimEnd('/');
        i = nameStart + name.Length;
        var positional = ImmutableArray.CreateBuilder<string>();
        var named = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var selfClosing = false;
        while (true)
        {
            i = SkipSpace(body, i);
            if (i >= body.Length) return null;
            if (comment && Starts(body, i, "*/"))
            {
                i = SkipSpace(body, i + 2);
                if (!Starts(body, i, close)) return null;
                break;
            }
            if (!comment && Starts(body, i, close)) break;
            if (!comment && body[i] == '/' && Starts(body, SkipSpace(body, i + 1), close)) { selfClosing = true; i = SkipSpace(body, i + 1); break; }
            if (ReadValue(body, ref i) is not { } value) return null;
            if (i < body.Length && body[i] == '=' && value.Bare)
            {
                i++;
                if (ReadValue(body, ref i) is not { } namedValue) return null;
                named[value.Text] = namedValue.Text;
            }
            else positional.Add(value.Text);
        }
        var end = i + close.Length;
        return new ShortcodeTag(start, end, line, column, name, markdown, closing, selfClosing, comment,
            new ShortcodeArguments(positional.ToImmutable(), named.ToImmutable()), body[start..end]);
    }

    /// <summary>A "quoted" (with \" escapes), `raw` or bare value; null when a quote is not closed or nothing is there.</summary>
    private static (string Text, bool Bare)? ReadValue(string body, ref int i)
    {
        if (i >= body.Length) return null;
        var c = body[i];
        if (c == '"')
        {
            var text = new StringBuilder();
            for (i++; i < body.Length; i++)
            {
                if (body[i] == '\\' && i + 1 < body.Length && body[i + 1] is '"' or '\\') text.Append(body[++i]);
                else if (body[i] == '"') { i++; return (text.ToString(), false); }
                else text.Append(body[i]);
            }
            return null;
        }
        if (c == '`')
        {
            var endQuote = body.IndexOf('`', i + 1);
            if (endQuote < 0) return null;
            var raw = body[(i + 1)..endQuote];
            i = endQuote + 1;
            return (raw, false);
        }
        var start = i;
        while (i < body.Length && !char.IsWhiteSpace(body[i]) && body[i] != '=' && !Starts(body, i, ">}}") && !Starts(body, i, "%}}")
               && !(body[i] == '/' && (Starts(body, i + 1, ">}}") || Starts(body, i + 1, "%}}"))) && !Starts(body, i, "*/"))
            i++;
        return i == start ? null : (body[start..i], true);
    }

    private static int SkipSpace(string body, int i)
    {
        while (i < body.Length && char.IsWhiteSpace(body[i])) i++;
        return i;
    }

    private static bool Starts(string body, int i, string text) => i >= 0 && i + text.Length <= body.Length && string.CompareOrdinal(body, i, text, 0, text.Length) == 0;
}
