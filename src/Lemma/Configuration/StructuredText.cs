using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lemma.Data;
using Lemma.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Lemma.Configuration;

/// <summary>A YAML, TOML or JSON map as plain values, with the file line of each top-level key.</summary>
public sealed record StructuredMap(IReadOnlyDictionary<string, object?> Values, ImmutableDictionary<string, int> KeyLines);

public enum StructuredFormat { Yaml, Toml, Json }

/// <summary>
/// Parses config files and front matter. Positions are mapped into the file: <c>firstLine</c> is the file line
/// of the text's first line, so an error in front matter points at the post, not at the block.
/// </summary>
public static partial class StructuredText
{
    public static (StructuredMap? Map, Diagnostic? Error) Parse(string text, StructuredFormat format, string path, int firstLine)
    {
        try
        {
            return format switch
            {
                StructuredFormat.Yaml => (Yaml(text, path, firstLine), null),
                StructuredFormat.Toml => (Toml(text, firstLine), null),
                _ => (Json(text, firstLine), null),
            };
        }
        catch (YamlException e)
        {
            // An unclosed construct is reported past the block's end; it belongs to the block's last line.
            var mark = e.Start.Line > 0 ? e.Start : e.End;
            var lines = text.TrimEnd('\n').Split('\n');
            var line = (int)mark.Line;
            var column = (int)mark.Column;
            if (line > lines.Length) (line, column) = (lines.Length, lines[^1].Length + 1);
            return (null, Diagnostic.Error(new SourceSpan(path, firstLine + line - 1, System.Math.Max(1, column)), Clean(e.Message)));
        }
        catch (Tomlyn.TomlException e)
        {
            return (null, Diagnostic.Error(new SourceSpan(path, firstLine + (e.Line ?? 1) - 1, e.Column ?? 1), Clean(e.Message)));
        }
        catch (JsonException e)
        {
            return (null, Diagnostic.Error(new SourceSpan(path, firstLine + (int)(e.LineNumber ?? 0), (int)(e.BytePositionInLine ?? 0) + 1), Clean(e.Message)));
        }
        catch (FormatError e)
        {
            return (null, Diagnostic.Error(new SourceSpan(path, e.Line, 1), e.Message));
        }
    }

    private sealed class FormatError(int line, string message) : Exception(message)
    {
        public int Line { get; } = line;
    }

    private static StructuredMap Yaml(string text, string path, int firstLine)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            return new StructuredMap(new Dictionary<string, object?>(), ImmutableDictionary<string, int>.Empty);
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new FormatError(firstLine, "expected a map of keys and values");
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var lines = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        foreach (var (key, value) in root.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (values.ContainsKey(name))
                throw new FormatError(firstLine + (int)key.Start.Line - 1, $"duplicate key '{name}'");
            values[name] = PlainValues.FromYaml(value);
            lines[name] = firstLine + (int)key.Start.Line - 1;
        }
        return new StructuredMap(values, lines.ToImmutable());
    }

    private static StructuredMap Toml(string text, int firstLine)
    {
        var table = Tomlyn.TomlSerializer.Deserialize<Tomlyn.Model.TomlTable>(text)!;
        var values = (Dictionary<string, object?>)PlainValues.FromToml(table)!;
        return new StructuredMap(values, ScanKeyLines(text, firstLine, TomlKey()));
    }

    private static StructuredMap Json(string text, int firstLine)
    {
        using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new FormatError(firstLine, "expected a JSON object");
        var values = (Dictionary<string, object?>)PlainValues.FromJson(doc.RootElement)!;
        return new StructuredMap(values, ScanKeyLines(text, firstLine, JsonKey()));
    }

    /// <summary>The first line on which each top-level key appears (TOML before its first [table]; JSON at depth 1).</summary>
    private static ImmutableDictionary<string, int> ScanKeyLines(string text, int firstLine, Regex key)
    {
        var lines = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        var split = text.Split('\n');
        for (var i = 0; i < split.Length; i++)
        {
            var line = split[i];
            if (line.TrimStart().StartsWith('[')) break;
            var m = key.Match(line);
            if (m.Success) lines.TryAdd(m.Groups[1].Value, firstLine + i);
        }
        return lines.ToImmutable();
    }

    [GeneratedRegex("""^\s*"?([A-Za-z0-9_\-]+)"?\s*=""")]
    private static partial Regex TomlKey();

    [GeneratedRegex("""^\s{0,4}"([^"]+)"\s*:""")]
    private static partial Regex JsonKey();

    private static string Clean(string message)
    {
        // Parsers prefix positions we already report; keep the message itself.
        var m = Regex.Match(message, @"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): (.*)$", RegexOptions.Singleline);
        return (m.Success ? m.Groups[1].Value : message).Trim();
    }
}
