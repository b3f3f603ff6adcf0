using System.Globalization;
using System.Text;
using Lemma.Configuration;

namespace Lemma.Model;

/// <summary>URL-safe names: lower-case letters and digits joined by single hyphens; Unicode letters are kept.</summary>
public static class Slug
{
    /// <summary>A name (a tag, a title) in a URL of this site: Hugo's urlize on a Hugo site, so its term and :title URLs stay; else <see cref="From"/>.</summary>
    public static string For(SiteConfig config, string text) => config.Kind == SiteKind.Hugo ? Hugo(text, config.LowerCaseUrls) : From(text);

    /// <summary>
    /// As Hugo's urlize makes a path of a name: spaces become '-', letters, digits and <c>. _ - + ~</c> stay, the rest goes
    /// ("Rubik's Cube" is "rubiks-cube", "C++" is "c++").
    /// </summary>
    public static string Hugo(string text, bool lower = true)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Trim().Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '+' or '~' || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark)
                sb.Append(lower ? char.ToLower(c, CultureInfo.InvariantCulture) : c);
            else if (char.IsWhiteSpace(c) && sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        // "." or ".." alone would name no folder of its own.
        var slug = sb.ToString().Trim('-');
        return slug.Trim('.').Length == 0 ? "" : slug;
    }

    public static string From(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingHyphen = false;
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            // "C++" and "C#" must not collapse into "c".
            var replacement = c switch
            {
                '+' when sb.Length > 0 => "p",
                '#' when sb.Length > 0 => "sharp",
                _ => null,
            };
            if (char.IsLetterOrDigit(c) || c == '_' || replacement is not null)
            {
                if (pendingHyphen && sb.Length > 0) sb.Append('-');
                pendingHyphen = false;
                if (replacement is null) sb.Append(char.ToLower(c, CultureInfo.InvariantCulture));
                else sb.Append(replacement);
            }
            else pendingHyphen = true;
        }
        return sb.ToString();
    }
}
