using System.Globalization;
using System.Text;

namespace Lemma.Model;

/// <summary>URL-safe names: lower-case letters and digits joined by single hyphens; Unicode letters are kept.</summary>
public static class Slug
{
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
