namespace Lemma.Configuration;

/// <summary>
/// Characters that no XML output may hold (C0 controls but tab and newlines, U+FFFE/U+FFFF, half a surrogate pair).
/// A title or tag that holds one is kept without it, so feeds and the sitemap stay well-formed.
/// </summary>
public static class ControlCharacters
{
    /// <summary>The index of the first character XML cannot hold, or -1.</summary>
    public static int IndexIn(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= ' ' && c < '\uD800') continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (c is '\t' or '\n' or '\r' || (c > '\uDFFF' && c < '\uFFFE')) continue;
            return i;
        }
        return -1;
    }

    /// <summary><paramref name="text"/> without the characters XML cannot hold (the same string when it has none).</summary>
    public static string Strip(string text)
    {
        var first = IndexIn(text);
        if (first < 0) return text;
        var kept = new System.Text.StringBuilder(text.Length);
        kept.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { kept.Append(c).Append(text[++i]); continue; }
            if (IndexIn(c.ToString()) < 0) kept.Append(c);
        }
        return kept.ToString();
    }

    /// <summary>How a writer sees the character: U+0001.</summary>
    public static string Name(char c) => $"U+{(int)c:X4}";
}
