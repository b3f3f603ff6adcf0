using System.Collections.Immutable;
using System.Security.Cryptography;

namespace Lemma.Output;

/// <summary>
/// The theme's CSS, scripts and fonts, written under /assets/. Templates reach them through
/// <c>site.assets["css/site.css"]</c>, a URL with a content hash, so browsers can cache them forever.
/// </summary>
public static class ThemeAssets
{
    public sealed record Result(ImmutableArray<OutputFile> Files, ImmutableDictionary<string, string> Urls);

    public static Result Collect(SiteUrls urls)
    {
        var files = ImmutableArray.CreateBuilder<OutputFile>();
        var map = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (name, bytes) in Templates.EmbeddedTheme.Bytes("theme/assets/"))
        {
            files.Add(new OutputFile("assets/" + name, bytes, null));
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..10];
            map[name] = urls.Link("/assets/" + name) + "?v=" + hash;
        }
        return new Result(files.ToImmutable(), map.ToImmutable());
    }
}
