using System.Text.RegularExpressions;
using Ganss.Xss;

namespace Lemma.Notebooks;

/// <summary>
/// The allow-list every HTML a notebook carries goes through: text/html and text/markdown outputs, raw HTML cells and
/// Markdown cells once rendered. It keeps what notebooks show (tables with classes, borders and inline styles, images,
/// &lt;details&gt;, MathML, Lemma's own Markdown HTML) and drops whatever can run script or take the page over:
/// script, style blocks, frames, plugins, forms, base and meta, inline SVG, event handlers, and every URL but http(s),
/// mailto, relative ones and, in &lt;img src&gt;, PNG, JPEG, GIF, WebP and SVG data URIs.
/// Built once and only read after: HtmlSanitizer's Sanitize is thread-safe on an instance nobody reconfigures.
/// </summary>
public sealed partial class NotebookHtml
{
    // Off HtmlSanitizer's default list: forms (a notebook page submits nothing; a form is a phishing kit) and the
    // document-level tags a fragment never needs.
    private static readonly string[] DroppedTags = ["form", "select", "option", "optgroup", "textarea", "datalist", "keygen", "menuitem", "html", "head", "body"];
    // pattern too: a backtracking regular expression in it can hang the page that validates it.
    private static readonly string[] DroppedAttributes = ["action", "method", "enctype", "accept-charset", "novalidate", "accesskey", "pattern"];

    // What Lemma's math renderer and notebook libraries (sympy, pandas' LaTeX-free reprs) write. Not annotation-xml,
    // mglyph or malignmark: the HTML parser treats them specially inside <math>, the root of namespace-confusion tricks.
    private static readonly string[] MathTags =
    [
        "math", "semantics", "annotation", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "msub", "msup", "msubsup",
        "mfrac", "msqrt", "mroot", "mover", "munder", "munderover", "mtable", "mtr", "mtd", "mlabeledtr", "mstyle",
        "mpadded", "mphantom", "menclose", "merror", "mmultiscripts", "mprescripts", "none",
    ];

    private static readonly string[] MathAttributes =
    [
        "display", "displaystyle", "scriptlevel", "mathvariant", "mathcolor", "mathbackground", "mathsize", "stretchy",
        "fence", "separator", "form", "lspace", "rspace", "accent", "accentunder", "movablelimits", "largeop", "symmetric",
        "minsize", "maxsize", "linethickness", "notation", "encoding", "depth", "voffset", "linebreak", "columnalign",
        "rowalign", "columnspacing", "rowspacing", "columnlines", "rowlines", "framespacing", "columnspan",
    ];

    private static readonly string[] PageAttributes = ["class", "id", "hidden", "role", "loading", "decoding", "aria-label", "aria-hidden", "aria-describedby", "aria-labelledby"];

    /// <summary>Tags whose removal means the output wanted to run script or leave the page, worth a warning.</summary>
    private static readonly HashSet<string> ScriptTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link", "svg", "portal",
    };

    // After the lists above: static initializers run in the order they are written.
    public static NotebookHtml Shared { get; } = new();

    private readonly HtmlSanitizer sanitizer;

    // What the Sanitize call running on this thread removed. HtmlSanitizer reports removals through events on the
    // shared instance, so each call collects its own through a flow-local list rather than a field all calls share.
    private readonly AsyncLocal<List<string>?> removed = new();

    private NotebookHtml()
    {
        var options = new HtmlSanitizerOptions { AllowDataAttributes = true };
        options.AllowedTags.ExceptWith(DroppedTags);
        options.AllowedTags.UnionWith(MathTags);
        options.AllowedAttributes.ExceptWith(DroppedAttributes);
        options.AllowedAttributes.UnionWith(MathAttributes);
        options.AllowedAttributes.UnionWith(PageAttributes);
        options.AllowedSchemes.Add("mailto");
        sanitizer = new HtmlSanitizer(options);
        sanitizer.FilterUrl += (_, e) =>
        {
            if (e.SanitizedUrl is null && e.Tag.LocalName == "img" && DataImage().IsMatch(e.OriginalUrl)) e.SanitizedUrl = e.OriginalUrl;
        };
        // A table header with nothing in it (the corner above a pandas DataFrame's index) names no column: a data cell
        // says the same to a screen reader without an empty header.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "th", ChildElementCount: 0 } th && string.IsNullOrWhiteSpace(th.TextContent))
            {
                var cell = e.Document.CreateElement("td");
                foreach (var attribute in th.Attributes) cell.SetAttribute(attribute.Name, attribute.Value);
                e.ReplacementNodes.Add(cell);
            }
        };
        sanitizer.RemovingTag += (_, e) =>
        {
            if (ScriptTags.Contains(e.Tag.LocalName)) Note($"<{e.Tag.LocalName.ToLowerInvariant()}>");
        };
        sanitizer.RemovingAttribute += (_, e) =>
        {
            var name = e.Attribute.Name.ToLowerInvariant();
            if (name.StartsWith("on", StringComparison.Ordinal)) Note(name + "=");
            else if (e.Reason == RemoveReason.NotAllowedUrlValue && Scheme(e.Attribute.Value) is { } scheme) Note($"{name}=\"{scheme}:\"");
            else if (name is "srcdoc" or "formaction") Note(name + "=");
        };
    }

    /// <summary>The HTML with everything off the allow-list removed, and what was removed that could have run script
    /// (tags, event handlers, URL schemes), each once in the order met.</summary>
    public (string Html, IReadOnlyList<string> Removed) Sanitize(string html)
    {
        var found = new List<string>();
        removed.Value = found;
        try
        {
            return (sanitizer.Sanitize(html), found);
        }
        finally
        {
            removed.Value = null;
        }
    }

    private void Note(string what)
    {
        if (removed.Value is { } list && !list.Contains(what)) list.Add(what);
    }

    /// <summary>The scheme of a URL that names one a browser would run or render as a page (javascript:, vbscript:,
    /// data:), read as a browser reads it: ASCII whitespace and control characters inside are ignored.</summary>
    private static string? Scheme(string url)
    {
        var plain = new string([.. url.Where(c => c > ' ' && c != '\u007f')]).ToLowerInvariant();
        foreach (var scheme in new[] { "javascript", "vbscript", "data" })
            if (plain.StartsWith(scheme + ":", StringComparison.Ordinal)) return scheme;
        return null;
    }

    [GeneratedRegex(@"^data:image/(?:png|jpeg|gif|webp|svg\+xml)[;,]", RegexOptions.IgnoreCase)]
    private static partial Regex DataImage();
}
