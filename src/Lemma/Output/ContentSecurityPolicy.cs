namespace Lemma.Output;

/// <summary>
/// The site's one Content-Security-Policy, which the default theme passes: scripts and stylesheets only from the site's
/// own files (no inline script, no eval), style attributes allowed (code line starts, table alignment, notebook
/// tables), images from the site, data: URIs (notebook plots) and https, no plugins, no &lt;base&gt; elsewhere.
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
}
