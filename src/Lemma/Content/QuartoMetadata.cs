using Lemma.Configuration;
using Lemma.Diagnostics;

namespace Lemma.Content;

/// <summary>
/// Quarto's <c>_metadata.yml</c>: front matter for every page in its folder and below. A page's own front matter wins,
/// then the nearest folder's. A file that cannot be read is an error at it, reported with each page it applies to.
/// </summary>
internal static class QuartoMetadata
{
    public static (IReadOnlyDictionary<string, object?> Values, IReadOnlyList<Diagnostic> Problems) For(string root, string pagePath)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var problems = new List<Diagnostic>();
        var folders = pagePath.Split('/')[..^1];
        for (var depth = 1; depth <= folders.Length; depth++)
        {
            var file = string.Join('/', folders[..depth]) + "/_metadata.yml";
            if (!File.Exists(Path.Combine(root, file))) continue;
            var (text, unreadable) = SourceText.Read(root, file);
            if (text is null) { problems.Add(unreadable!); continue; }
            var (map, error) = StructuredText.Parse(text, StructuredFormat.Yaml, file, 1);
            if (map is null) { problems.Add(error!); continue; }
            problems.AddRange(map.Warnings);
            foreach (var (key, value) in map.Values) values[key] = value;
        }
        return (values, problems);
    }

    /// <summary>The page's front matter over what its folders' metadata says.</summary>
    public static StructuredMap Apply(StructuredMap own, IReadOnlyDictionary<string, object?> inherited)
    {
        if (inherited.Count == 0) return own;
        var merged = new Dictionary<string, object?>(inherited, StringComparer.Ordinal);
        foreach (var (key, value) in own.Values) merged[key] = value;
        return own with { Values = merged };
    }
}
