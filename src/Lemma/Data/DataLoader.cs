using System.Collections.Immutable;
using Lemma.Configuration;
using Lemma.Diagnostics;

namespace Lemma.Data;

public sealed record DataResult(ImmutableDictionary<string, object?> Data, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>
/// Loads data/*.yaml|yml|json|toml into plain values for templates: maps become
/// Dictionary&lt;string, object?&gt;, sequences List&lt;object?&gt;, scalars bool, long, double or string.
/// They are read as config and front matter are, with the same bounds and positioned errors.
/// </summary>
public static class DataLoader
{
    public static DataResult Load(string root, IEnumerable<string> dataFiles)
    {
        var data = ImmutableDictionary.CreateBuilder<string, object?>(StringComparer.Ordinal);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var path in dataFiles)
        {
            var (text, unreadable) = SourceText.Read(root, path);
            if (text is null) { diagnostics.Add(unreadable!); continue; }
            var format = Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".json" => StructuredFormat.Json,
                ".toml" => StructuredFormat.Toml,
                _ => StructuredFormat.Yaml,
            };
            var (value, error) = StructuredText.ParseValue(text, format, path, out var warnings);
            diagnostics.AddRange(warnings);
            if (error is not null) diagnostics.Add(error);
            else data[Path.GetFileNameWithoutExtension(path)] = value;
        }
        return new DataResult(data.ToImmutable(), diagnostics.ToImmutable());
    }
}
