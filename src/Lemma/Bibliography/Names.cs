using System.Collections.Immutable;

namespace Lemma.Bibliography;

/// <summary>
/// BibTeX name lists: "Last, First and First von Last and {Corporate Name} and others", split at top-level
/// " and ", each name in one of BibTeX's three forms ("First von Last", "von Last, First", "von Last, Jr, First").
/// </summary>
public static class Names
{
    public static ImmutableArray<Person> Parse(string latex) =>
        [.. SplitTop(string.Join(' ', latex.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)), " and ", ignoreCase: true).Select(n => n.Trim()).Where(n => n.Length > 0).Select(ParseOne)];

    public static Person ParseOne(string name)
    {
        var parts = SplitTop(name, ",", ignoreCase: false).Select(p => p.Trim()).ToList();
        string first, von, last, jr = "";
        if (parts.Count == 1)
        {
            var words = Words(parts[0]);
            if (words.Count == 1) return new Person("", "", LatexText.ToUnicode(words[0]), "");
            // von: from the first lower-case word (not the last word) to the last lower-case word before the last.
            var vonStart = words.FindIndex(0, words.Count - 1, IsLower);
            if (vonStart < 0)
            {
                first = Join(words, 0, words.Count - 1);
                von = "";
                last = words[^1];
            }
            else
            {
                var vonEnd = words.FindLastIndex(words.Count - 2, words.Count - 1 - vonStart, IsLower);
                first = Join(words, 0, vonStart);
                von = Join(words, vonStart, vonEnd + 1 - vonStart);
                last = Join(words, vonEnd + 1, words.Count - vonEnd - 1);
            }
        }
        else
        {
            (von, last) = VonLast(Words(parts[0]));
            if (parts.Count == 2) first = parts[1];
            else
            {
                jr = parts[1];
                first = string.Join(", ", parts.Skip(2));
            }
        }
        return new Person(LatexText.ToUnicode(first), LatexText.ToUnicode(von), LatexText.ToUnicode(last), LatexText.ToUnicode(jr));
    }

    private static (string Von, string Last) VonLast(List<string> words)
    {
        var vonEnd = words.Count > 1 ? words.FindLastIndex(words.Count - 2, words.Count - 1, IsLower) : -1;
        return vonEnd < 0 ? ("", Join(words, 0, words.Count)) : (Join(words, 0, vonEnd + 1), Join(words, vonEnd + 1, words.Count - vonEnd - 1));
    }

    /// <summary>A word is lower case when its first letter at brace depth 0 is (BibTeX's rule, "{\"u}ber" is not).</summary>
    private static bool IsLower(string word)
    {
        var depth = 0;
        foreach (var c in word)
        {
            if (c == '{') depth++;
            else if (c == '}') depth--;
            else if (depth == 0 && char.IsLetter(c)) return char.IsLower(c);
            else if (depth > 0 && c == '\\') return false;
        }
        return false;
    }

    private static string Join(List<string> words, int start, int count) => string.Join(" ", words.Skip(start).Take(count));

    private static List<string> Words(string text) =>
        [.. SplitTop(text.Replace('~', ' ').Replace('\n', ' ').Replace('\t', ' '), " ", ignoreCase: false).Where(w => w.Length > 0)];

    /// <summary>Splits at <paramref name="separator"/> outside braces.</summary>
    private static List<string> SplitTop(string text, string separator, bool ignoreCase)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '{') depth++;
            else if (c == '}') depth--;
            else if (depth == 0 && string.Compare(text, i, separator, 0, separator.Length, comparison) == 0)
            {
                parts.Add(text[start..i]);
                i += separator.Length - 1;
                start = i + 1;
            }
        }
        parts.Add(text[start..]);
        return parts;
    }
}
