using System.Collections.Immutable;

namespace Lemma.Output;

/// <summary>
/// The site's one Content-Security-Policy, which the default theme passes: scripts and stylesheets only from the site's
/// own files (no inline script, no eval), style attributes allowed (code line starts, table alignment, notebook
/// tables), images from the site, data: URIs (notebook plots) and https, no plugins, no &lt;base&gt; elsewhere. A site
/// adds hosts to it in site.yaml (<c>csp:</c>, e.g. <c>embeds: [youtube]</c>); nothing can loosen it otherwise.
/// </summary>
public static class ContentSecurityPolicy
{
    /// <summary>The policy as every page of the default theme carries it, in a &lt;meta http-equiv&gt;, so that a site on
    /// any static host has it.</summary>
    public const string Meta =
        "default-src 'self'; img-src 'self' data: https:; media-src 'self' https:; style-src 'self'; style-src-attr 'unsafe-inline'; " +
        "script-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>The policy as `serve --production` sends it in its header: <see cref="Meta"/> and what only a header can
    /// carry (a &lt;meta&gt; policy ignores frame-ancestors).</summary>
    public const string Header = Meta + "; frame-ancestors 'none'";

    /// <summary>The directives a site may add sources to.</summary>
    public static readonly ImmutableArray<string> Extensible = ["frame-src", "script-src", "style-src", "img-src", "media-src", "connect-src", "font-src"];

    /// <summary>The embeds site.yaml may name, and the hosts each one's frames come from.</summary>
    public static readonly ImmutableDictionary<string, ImmutableArray<string>> Embeds = new Dictionary<string, ImmutableArray<string>>
    {
        ["youtube"] = ["https://www.youtube-nocookie.com", "https://www.youtube.com"],
        ["vimeo"] = ["https://player.vimeo.com"],
        ["codepen"] = ["https://codepen.io"],
        ["observable"] = ["https://observablehq.com"],
        ["colab"] = ["https://colab.research.google.com"],
    }.ToImmutableDictionary();

    /// <summary><see cref="Meta"/> with <paramref name="added"/> sources (by directive) after each directive's own; a
    /// directive the default leaves to default-src (frame-src) starts from 'self'.</summary>
    public static string MetaWith(IReadOnlyDictionary<string, ImmutableArray<string>> added)
    {
        if (added.Count == 0) return Meta;
        var directives = Meta.Split("; ").Select(d => (Name: d.Split(' ')[0], Value: d)).ToList();
        foreach (var name in Extensible)
        {
            if (added.GetValueOrDefault(name, []) is not { Length: > 0 } sources) continue;
            var at = directives.FindIndex(d => d.Name == name);
            if (at < 0) directives.Add((name, $"{name} 'self' {string.Join(' ', sources)}"));
            else directives[at] = (name, $"{directives[at].Value} {string.Join(' ', sources)}");
        }
        return string.Join("; ", directives.Select(d => d.Value));
    }

    /// <summary>The header of a site with <paramref name="added"/> sources: its <see cref="MetaWith"/> and frame-ancestors.</summary>
    public static string HeaderWith(IReadOnlyDictionary<string, ImmutableArray<string>> added) => MetaWith(added) + "; frame-ancestors 'none'";
}
