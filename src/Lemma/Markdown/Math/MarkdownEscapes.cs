using System.Text;

namespace Lemma.Markdown.Math;

/// <summary>Markdown's backslash-escape step, as it ran over math that MathJax found in the page afterwards.</summary>
public static class MarkdownEscapes
{
    // kramdown escapes fewer characters than CommonMark: there \, and \; reach MathJax as TeX spaces.
    private const string Kramdown = "\\.*_+-`()[]{}#!:|\"'$=<>";

    /// <summary><paramref name="tex"/> as Goldmark (CommonMark: any ASCII punctuation) or kramdown left it.</summary>
    public static string Apply(string tex, bool kramdown)
    {
        if (tex.IndexOf('\\') < 0) return tex;
        var sb = new StringBuilder(tex.Length);
        for (var i = 0; i < tex.Length; i++)
        {
            var c = tex[i];
            if (c == '\\' && i + 1 < tex.Length && Escapable(tex[i + 1], kramdown))
            {
                sb.Append(tex[i + 1]);
                i++;
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool Escapable(char c, bool kramdown) => kramdown ? Kramdown.Contains(c) : char.IsAsciiLetterOrDigit(c) is false && c is > ' ' and < '\x7f';
}
