using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using Lemma.Diagnostics;
using Lemma.Markdown;

namespace Lemma.Images;

/// <summary>What the build knows of one image a page shows: its header and the smaller copies it has, or why it has none.</summary>
public sealed record ImageFacts(ImageHeader Header, ImmutableArray<ImageVariant> Variants, string? Problem = null);

/// <summary>
/// A page's images as the browser should get them, done on the page's resolved HTML: each local image gets its width
/// and height (no layout shift), those below the first screen <c>loading="lazy"</c> and <c>decoding="async"</c>, and
/// one with smaller copies a <c>&lt;picture&gt;</c> with an AVIF and a WebP <c>srcset</c> before the original.
/// </summary>
public static partial class ImageMarkup
{
    /// <summary>The result: the page's body (the same object when nothing changed) and the images whose copies it names.</summary>
    public sealed record Result(RenderedContent Content, ImmutableArray<string> Used);

    /// <param name="sitePath">The site path an image's <c>src</c> names on this page, or null for one not on the site (data:, another host).</param>
    /// <param name="facts">What is known of the image at a site path; null for a file the site does not publish.</param>
    /// <param name="firstIsAboveTheFold">True when nothing (a cover) comes before the body's first image on the screen.</param>
    public static Result Rewrite(RenderedContent rendered, string pagePath, int bodyLine, bool firstIsAboveTheFold,
        Func<string, string?> sitePath, Func<string, ImageFacts?> facts)
    {
        var html = rendered.Html;
        var used = ImmutableArray.CreateBuilder<string>();
        var warnings = new List<Diagnostic>();
        var index = 0;
        // Looking back from every image for a <picture> is a scan of the page before it: most pages have none.
        var pictures = html.Contains("<picture", StringComparison.OrdinalIgnoreCase);
        var result = Image().Replace(html, m =>
        {
            var first = index++ == 0 && firstIsAboveTheFold;
            var tag = m.Value;
            var src = System.Net.WebUtility.HtmlDecode(m.Groups["src"].Value);
            var path = sitePath(src);
            var known = path is null ? null : facts(path);
            var dark = false;
            var inPicture = pictures && InPicture(html, m.Index, out dark);
            // A writer's own picture is theirs to get right; a dark-variant picture Lemma made gets the image's size.
            if (inPicture && !dark) return m.Value;
            if (known?.Header is { Problem: null } header)
            {
                if (!Has(tag, "width") && !Has(tag, "height") && header.Width > 0)
                    tag = Add(tag, $" width=\"{header.Width}\" height=\"{header.Height}\"");
            }
            if ((known?.Problem ?? known?.Header.Problem) is { } problem)
                warnings.Add(Diagnostic.Warning(SpanOf(rendered, src, pagePath, bodyLine), $"image '{src}': {problem}"));
            tag = first ? Drop(tag, "loading") : tag;
            if (!first && !Has(tag, "loading")) tag = Add(tag, " loading=\"lazy\"");
            if (!first && !Has(tag, "decoding")) tag = Add(tag, " decoding=\"async\"");
            if (known is { Problem: null, Variants.IsEmpty: false } && !inPicture && !Has(tag, "srcset"))
            {
                used.Add(path!);
                return Sources(m.Groups["src"].Value, known.Variants) + tag + "</picture>";
            }
            return tag;
        });
        if (result == html && warnings.Count == 0) return new(rendered, []);
        return new(rendered with { Html = result, Diagnostics = [.. rendered.Diagnostics, .. warnings] }, used.ToImmutable());
    }

    /// <summary>"&lt;picture&gt;" and a source per format, each a srcset of the widths, named beside <paramref name="src"/> as written.</summary>
    internal static string Sources(string src, ImmutableArray<ImageVariant> variants)
    {
        var end = src.IndexOfAny(['?', '#']);
        var path = end < 0 ? src : src[..end];
        var html = new StringBuilder("<picture>");
        foreach (var format in variants.Select(v => v.Format).Distinct())
        {
            var set = string.Join(", ", variants.Where(v => v.Format == format).Select(v => $"{ImageVariants.Name(path, v.Width, format)} {v.Width}w"));
            html.Append($"<source type=\"image/{format}\" srcset=\"{set}\" sizes=\"{ImageVariants.Sizes}\">");
        }
        return html.ToString();
    }

    /// <summary>The srcset of one format, for a template (a cover): "a.480w.webp 480w, a.800w.webp 800w".</summary>
    public static string SrcsetOf(string src, ImmutableArray<ImageVariant> variants, string format) =>
        string.Join(", ", variants.Where(v => v.Format == format).Select(v => $"{ImageVariants.Name(src, v.Width, format)} {v.Width}w"));

    private static bool InPicture(string html, int at, out bool dark)
    {
        var open = html.LastIndexOf("<picture", at, StringComparison.OrdinalIgnoreCase);
        var inside = open >= 0 && html.LastIndexOf("</picture", at, StringComparison.OrdinalIgnoreCase) < open;
        dark = inside && html.AsSpan(open, at - open).EndsWith(" data-dark>", StringComparison.Ordinal);
        return inside;
    }

    private static bool Has(string tag, string attribute) =>
        tag.Contains(" " + attribute + "=", StringComparison.OrdinalIgnoreCase) || tag.Contains(" " + attribute + " ", StringComparison.OrdinalIgnoreCase);

    // Before the tag's end, after a self-closing slash's space if any.
    private static string Add(string tag, string attributes)
    {
        var end = tag.EndsWith("/>", StringComparison.Ordinal) ? tag.Length - 2 : tag.Length - 1;
        return tag[..end].TrimEnd() + attributes + (end == tag.Length - 2 ? " />" : ">");
    }

    private static string Drop(string tag, string attribute) => Attribute(attribute).Replace(tag, "");

    /// <summary>Where the page writes the image: its link's position when the body's links name it, else the body's start.</summary>
    private static SourceSpan SpanOf(RenderedContent rendered, string src, string pagePath, int bodyLine)
    {
        foreach (var link in rendered.Links)
            if (link.IsImage && (link.Target == src || src.EndsWith("/" + link.Target.TrimStart('.', '/'), StringComparison.Ordinal))) return link.Span;
        return new SourceSpan(pagePath, bodyLine, 1);
    }

    [GeneratedRegex("""<img\b[^>]*?\bsrc="(?<src>[^"]*)"[^>]*>""", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Image();

    private static Regex Attribute(string name) => new($"""\s{name}(="[^"]*")?(?=[\s/>])""", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
}
