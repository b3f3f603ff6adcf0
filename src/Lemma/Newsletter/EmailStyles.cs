using Lemma.Templates;

namespace Lemma.Newsletter;

/// <summary>
/// The style attribute of each element of an email, after the theme's light palette (theme/assets/css/site.css):
/// mail clients keep style attributes where they drop stylesheets and classes. Sizes are in px, which every client
/// reads the same; no shorthand a client is known to misread (Outlook's Word engine wants longhand margins).
/// </summary>
public static class EmailStyles
{
    public const string Ink = "#1f2328";
    public const string Muted = "#595f69";
    public const string Accent = "#1b5ba3";
    public const string Border = "#e2ded6";
    public const string CodeBackground = CodeColours.Background;
    public const string Page = "#f4f2ed";
    public const string Sans = "-apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif";
    public const string Mono = "ui-monospace,SFMono-Regular,Menlo,Consolas,'DejaVu Sans Mono','Liberation Mono',monospace";

    public static string Pre => $"margin:0 0 20px 0;padding:12px 14px;background-color:{CodeBackground};border:1px solid {Border};border-radius:6px;"
        + $"font-family:{Mono};font-size:13px;line-height:1.5;color:{CodeColours.Text};"
        // Long lines wrap: a table cell grows to fit an unbroken line, and Outlook and most apps scroll nothing.
        + "white-space:pre-wrap;word-wrap:break-word;overflow-wrap:anywhere;text-align:left;";

    public const string InlineMath = $"font-family:{Mono};font-size:14px;color:{Ink};";

    public const string DisplayMath = $"margin:0 0 20px 0;padding:8px 12px;font-family:{Mono};font-size:14px;line-height:1.5;color:{Ink};"
        + "white-space:pre-wrap;text-align:left;padding-left:24px;";

    /// <summary>The style of an element named <paramref name="tag"/>, inside <paramref name="parent"/>; "" for none.</summary>
    public static string Of(string tag, string? parent = null) => tag switch
    {
        "p" => parent is "li" or "blockquote" or "td" or "th" ? "margin:0 0 8px 0;" : $"margin:0 0 16px 0;font-size:16px;line-height:1.6;color:{Ink};",
        "h1" => Heading(26),
        "h2" => Heading(22),
        "h3" => Heading(19),
        "h4" or "h5" or "h6" => Heading(17),
        "a" => $"color:{Accent};text-decoration:underline;",
        "img" => "max-width:100%;height:auto;border:0;display:block;margin:0 auto;",
        "figure" => "margin:0 0 20px 0;text-align:center;",
        "figcaption" => $"margin:6px 0 0 0;font-size:14px;line-height:1.4;color:{Muted};",
        "ul" or "ol" => $"margin:0 0 16px 0;padding:0 0 0 24px;font-size:16px;line-height:1.6;color:{Ink};",
        "li" => "margin:0 0 4px 0;",
        "blockquote" => $"margin:0 0 16px 0;padding:4px 0 4px 14px;border-left:3px solid {Border};color:{Muted};",
        "code" => $"font-family:{Mono};font-size:14px;background-color:{CodeBackground};padding:1px 4px;border-radius:4px;",
        "kbd" or "samp" => $"font-family:{Mono};font-size:14px;",
        "hr" => $"border:0;border-top:1px solid {Border};margin:24px 0;",
        "table" => $"border-collapse:collapse;margin:0 0 16px 0;font-size:15px;color:{Ink};",
        "th" => $"border:1px solid {Border};padding:6px 10px;text-align:left;background-color:{CodeBackground};",
        "td" => $"border:1px solid {Border};padding:6px 10px;text-align:left;",
        "div" or "section" or "aside" => parent is null or "body" ? "margin:0 0 16px 0;" : "",
        "sup" or "sub" => "font-size:12px;line-height:0;",
        "dt" => "font-weight:bold;margin:0;",
        "dd" => "margin:0 0 8px 20px;",
        _ => "",
    };

    private static string Heading(int px) =>
        $"margin:28px 0 12px 0;font-family:{Sans};font-size:{px}px;line-height:1.3;font-weight:bold;color:{Ink};";
}
