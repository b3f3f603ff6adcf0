using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Lemma.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Lemma.Data;

public sealed record DataResult(ImmutableDictionary<string, object?> Data, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>
/// Loads data/*.yaml|yml|json|toml into plain values for templates: maps become
/// Dictionary&lt;string, object?&gt;, sequences List&lt;object?&gt;, scalars bool, long, double or string.
/// </summary>
public static class DataLoader
{
    public static DataResult Load(string root, IEnumerable<string> dataFiles)
    {
        var data = ImmutableDictionary.CreateBuilder<string, object?>(StringComparer.Ordinal);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var path in dataFiles)
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var text = FileTree.ReadText(Path.Combine(root, path));
            try
            {
                data[name] = Path.GetExtension(path).ToLowerInvariant() switch
                {
                    ".json" => PlainValues.FromJson(JsonDocument.Parse(text).RootElement),
                    ".toml" => PlainValues.FromToml(Tomlyn.TomlSerializer.Deserialize<Tomlyn.Model.TomlTable>(text)),
                    _ => FromYaml(text),
                };
            }
            catch (YamlException e)
            {
                diagnostics.Add(Diagnostic.Error(new SourceSpan(path, (int)e.Start.Line, (int)e.Start.Column), e.Message));
            }
            catch (JsonException e)
            {
                diagnostics.Add(Diagnostic.Error(new SourceSpan(path, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1), e.Message));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                diagnostics.Add(Diagnostic.Error(SourceSpan.File(path), e.Message));
            }
        }
        return new DataResult(data.ToImmutable(), diagnostics.ToImmutable());
    }

    private static object? FromYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 0 ? null : PlainValues.FromYaml(stream.Documents[0].RootNode);
    }
}
