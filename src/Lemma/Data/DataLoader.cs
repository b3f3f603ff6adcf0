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
            var text = File.ReadAllText(Path.Combine(root, path));
            try
            {
                data[name] = Path.GetExtension(path).ToLowerInvariant() switch
                {
                    ".json" => FromJson(JsonDocument.Parse(text).RootElement),
                    ".toml" => FromToml(Tomlyn.TomlSerializer.Deserialize<Tomlyn.Model.TomlTable>(text)),
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
        return stream.Documents.Count == 0 ? null : FromYamlNode(stream.Documents[0].RootNode);
    }

    private static object? FromYamlNode(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value ?? "", kv => FromYamlNode(kv.Value)),
        YamlSequenceNode seq => seq.Children.Select(FromYamlNode).ToList(),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static object? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value;
        if (value is null) return null;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded) return value;
        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => value,
        };
    }

    private static object? FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? l : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static object? FromToml(object? value) => value switch
    {
        Tomlyn.Model.TomlTable t => t.ToDictionary(kv => kv.Key, kv => FromToml(kv.Value)),
        Tomlyn.Model.TomlTableArray a => a.Select(x => FromToml(x)).ToList(),
        Tomlyn.Model.TomlArray a => a.Select(FromToml).ToList(),
        _ => value,
    };
}
