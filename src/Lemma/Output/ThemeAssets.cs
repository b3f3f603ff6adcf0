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
    {
        var cache = MinifiedCache.Folder();
        return [.. Templates.EmbeddedTheme.Bytes("theme/assets/").Select(f => (f.Name, MinifiedCache.Get(cache, f.Name, f.Bytes, Minified)))];
    });

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

    /// <summary>
    /// Minified theme files kept by content hash in the user's cache folder (lemma/assets under $XDG_CACHE_HOME, ~/.cache,
    /// ~/Library/Caches or the local application data): minifying costs a small site's build a third of a second, most of
    /// it compiling NUglify, which a build that finds its files there never loads. The cache never fails a build.
    /// </summary>
    private static class MinifiedCache
    {
        // Bump when what Minified makes changes for the same input (another NUglify, other settings).
        private const string Version = "nuglify-1.23.7-1";

        public static string? Folder()
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathFullyQualified(xdg) ? xdg
                : OperatingSystem.IsWindows() ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
                : home.Length == 0 ? null
                : OperatingSystem.IsMacOS() ? Path.Combine(home, "Library", "Caches")
                : Path.Combine(home, ".cache");
            return root is null || root.Length == 0 ? null : Path.Combine(root, "lemma", "assets");
        }

        public static byte[] Get(string? folder, string name, byte[] bytes, Func<string, byte[], byte[]> make)
        {
            if (!name.EndsWith(".css", StringComparison.Ordinal) && !name.EndsWith(".js", StringComparison.Ordinal)) return bytes;
            if (folder is null) return make(name, bytes);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Version + "\0" + name + "\0"));
            hash.AppendData(bytes);
            var path = Path.Combine(folder, Convert.ToHexStringLower(hash.GetHashAndReset()) + Path.GetExtension(name));
            try
            {
                if (File.Exists(path)) return File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            var made = make(name, bytes);
            try
            {
                Directory.CreateDirectory(folder);
                var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
                File.WriteAllBytes(temp, made);
                File.Move(temp, path, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            return made;
        }
    }
}
