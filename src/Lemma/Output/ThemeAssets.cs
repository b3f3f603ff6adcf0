using System.Collections.Immutable;
using System.Security.Cryptography;

namespace Lemma.Output;

/// <summary>
/// The theme's CSS, scripts and fonts, written under /assets/, with the files of the site's own assets/ folder, which
/// replace the theme's of the same name. Templates reach them through <c>site.assets["css/site.css"]</c>, a URL with a
/// content hash, so browsers can cache them forever.
/// </summary>
public static class ThemeAssets
{
    public sealed record Result(ImmutableArray<OutputFile> Files, ImmutableDictionary<string, string> Urls);

    /// <param name="siteAssets">The site's files under assets/ (paths relative to <paramref name="root"/>).</param>
    public static Result Collect(SiteUrls urls, string? root = null, IEnumerable<string>? siteAssets = null)
    {
        var files = ImmutableArray.CreateBuilder<OutputFile>();
        var map = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var all = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (name, bytes) in Theme.Value) all[name] = bytes;
        foreach (var path in siteAssets ?? []) all[path["assets/".Length..]] = FileTree.ReadBytes(Path.Combine(root!, path));
        foreach (var (name, bytes) in all)
        {
            files.Add(new OutputFile("assets/" + name, bytes, null));
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..10];
            map[name] = urls.Link("/assets/" + name) + "?v=" + hash;
        }
        return new Result(files.ToImmutable(), map.ToImmutable());
    }

    /// <summary>The theme's own assets, minified once per process: they are built into the program and never change.</summary>
    private static readonly Lazy<(string Name, byte[] Bytes)[]> Theme = new(() =>
        [.. Templates.EmbeddedTheme.Bytes("theme/assets/").Select(f => (f.Name, Minified(f.Name, f.Bytes)))]);

    /// <summary>
    /// The theme's CSS and scripts without their comments and layout (NUglify): a post page's CSS and JS stay within
    /// their 30 KB, and the sources keep the comments that say why. A site's own assets are published as they are.
    /// </summary>
    private static byte[] Minified(string name, byte[] bytes)
    {
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        var result = name.EndsWith(".css", StringComparison.Ordinal) ? NUglify.Uglify.Css(text)
            : name.EndsWith(".js", StringComparison.Ordinal) ? NUglify.Uglify.Js(text)
            : (NUglify.UglifyResult?)null;
        // A theme file NUglify cannot read is shipped as written rather than broken.
        return result is { HasErrors: false, Code: { } code } ? System.Text.Encoding.UTF8.GetBytes(code) : bytes;
    }
}
