using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lemma.Data;
using Lemma.Diagnostics;
using YamlDotNet.Core;

namespace Lemma.Configuration;

/// <summary>A YAML, TOML or JSON map as plain values, with the file line of each top-level key.</summary>
public sealed record StructuredMap(IReadOnlyDictionary<string, object?> Values, ImmutableDictionary<string, int> KeyLines)
{
    /// <summary>What the text may keep but its writer should hear of (a YAML key written twice).</summary>
    public ImmutableArray<Diagnostic> Warnings { get; init; } = [];
}

public enum StructuredFormat { Yaml, Toml, Json }

/// <summary>
/// Parses config files and front matter. Positions are mapped into the file: <c>firstLine</c> is the file line
/// of the text's first line, so an error in front matter points at the post, not at the block.
/// </summary>
public static partial class StructuredText
{
    public static (StructuredMap? Map, Diagnostic? Error) Parse(string text, StructuredFormat format, string path, int firstLine)
    {
        var (map, error) = Read(text, format, path, firstLine, requireMap: true);
        return (map, error);
    }

    /// <summary>A whole data file: any value at its root (a map, a list, a scalar), or the error that stops it.</summary>
    public static (object? Value, Diagnostic? Error) ParseValue(string text, StructuredFormat format, string path) =>
        ParseValue(text, format, path, out _);

    /// <inheritdoc cref="ParseValue(string, StructuredFormat, string)"/>
    /// <param name="warnings">What the text keeps but its writer should hear of (a YAML key written twice).</param>
    public static (object? Value, Diagnostic? Error) ParseValue(string text, StructuredFormat format, string path, out ImmutableArray<Diagnostic> warnings)
    {
        var (map, error) = Read(text, format, path, 1, requireMap: false);
        warnings = map?.Warnings ?? [];
        return (map?.Values.GetValueOrDefault(RootKey), error);
    }

    /// <summary>Where <see cref="ParseValue"/> keeps a root that need not be a map.</summary>
    private const string RootKey = "";

    private static (StructuredMap? Map, Diagnostic? Error) Read(string text, StructuredFormat format, string path, int firstLine, bool requireMap)
    {
        try
        {
            return format switch
            {
                StructuredFormat.Yaml => (Yaml(text, firstLine, requireMap, path), null),
                StructuredFormat.Toml => (Toml(text, firstLine, requireMap), null),
                _ => (Json(text, firstLine, requireMap), null),
            };
        }
        catch (YamlException e)
        {
            // An unclosed construct is reported past the block's end; it belongs to the block's last line.
            var mark = e.Start.Line > 0 ? e.Start : e.End;
            var lines = text.TrimEnd('\n').Split('\n');
            var line = (int)System.Math.Max(1, mark.Line);
            var column = (int)mark.Column;
            if (line > lines.Length) (line, column) = (lines.Length, lines[^1].Length + 1);
            return (null, Diagnostic.Error(new SourceSpan(path, firstLine + line - 1, System.Math.Max(1, column)), Clean(e.Message, firstLine)));
        }
        catch (Tomlyn.TomlException e)
        {
            return (null, Diagnostic.Error(new SourceSpan(path, firstLine + System.Math.Max(1, e.Line ?? 1) - 1, System.Math.Max(1, e.Column ?? 1)), Clean(e.Message, firstLine)));
        }
        catch (JsonException e) when (e.LineNumber is null && DuplicateProperty().Match(e.Message) is { Success: true } duplicate)
        {
            return (null, Diagnostic.Error(SecondKey(text, duplicate.Groups[1].Value, path, firstLine), $"duplicate key '{duplicate.Groups[1].Value}'"));
        }
        catch (JsonException e)
        {
            return (null, Diagnostic.Error(new SourceSpan(path, firstLine + (int)(e.LineNumber ?? 0), (int)(e.BytePositionInLine ?? 0) + 1), Clean(e.Message, firstLine)));
        }
        catch (FormatError e)
        {
            return (null, Diagnostic.Error(new SourceSpan(path, e.Line, e.Column), e.Message));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // A parser failing in a way it does not report as a syntax error: still this text's problem, not a crash.
            return (null, Diagnostic.Error(new SourceSpan(path, firstLine, 1), $"could not be read: {Clean(e.Message, firstLine)}"));
        }
    }

    /// <summary>Where a JSON key is written the second time (System.Text.Json names the key but not the place).</summary>
    private static SourceSpan SecondKey(string text, string key, string path, int firstLine)
    {
        var found = Regex.Matches(text, "\"" + Regex.Escape(key) + "\"\\s*:");
        if (found.Count < 2) return new SourceSpan(path, firstLine, 1);
        var before = text.AsSpan(0, found[1].Index);
        return new SourceSpan(path, firstLine + before.Count('\n'), found[1].Index - before.LastIndexOf('\n'));
    }

    [GeneratedRegex("^Duplicate property '(.*)' encountered")]
    private static partial Regex DuplicateProperty();

    private sealed class FormatError(int line, string message, int column = 1) : Exception(message)
    {
        public int Line { get; } = line;
        public int Column { get; } = column;
    }

    private static StructuredMap Yaml(string text, int firstLine, bool requireMap, string path)
    {
        var (root, keyLines, duplicates) = YamlValues.Read(text);
        ImmutableArray<Diagnostic> warnings = [.. duplicates.Select(d => Diagnostic.Warning(
            new SourceSpan(path, firstLine + (int)d.At.Line - 1, System.Math.Max(1, (int)d.At.Column)), $"duplicate key '{d.Key}': the last one is used"))];
        if (!requireMap) return Root(root) with { Warnings = warnings };
        if (root is null or "") return new StructuredMap(new Dictionary<string, object?>(), ImmutableDictionary<string, int>.Empty);
        if (root is not Dictionary<string, object?> values) throw new FormatError(firstLine, "expected a map of keys and values");
        return new StructuredMap(values, keyLines.ToImmutableDictionary(kv => kv.Key, kv => firstLine + kv.Value - 1, StringComparer.Ordinal)) { Warnings = warnings };
    }

    private static StructuredMap Toml(string text, int firstLine, bool requireMap)
    {
        // The syntax pass reports what deserializing lets through: a key defined twice, a table opened twice.
        Tomlyn.Parsing.SyntaxParser.ParseStrict(text, TomlOptions, sourceName: null, validate: true);
        var table = Tomlyn.TomlSerializer.Deserialize<Tomlyn.Model.TomlTable>(text, TomlOptions)!;
        var values = (Dictionary<string, object?>)PlainValues.FromToml(table)!;
        return requireMap ? new StructuredMap(values, ScanKeyLines(text, firstLine, TomlKey())) : Root(values);
    }

    private static readonly Tomlyn.TomlSerializerOptions TomlOptions = new() { MaxDepth = YamlValues.MaxDepth };

    private static StructuredMap Json(string text, int firstLine, bool requireMap)
    {
        // System.Text.Json reads "\ud800" but cannot make a string of it: say where it is before it throws.
        if (LoneSurrogate().Match(text) is { Success: true } lone)
        {
            var before = text.AsSpan(0, lone.Index);
            var line = before.Count('\n');
            throw new FormatError(firstLine + line, $"'{lone.Value}' is half of a UTF-16 surrogate pair, not a character",
                lone.Index - before.LastIndexOf('\n'));
        }
        using var doc = JsonDocument.Parse(text, new JsonDocumentOptions
        {
            AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, AllowDuplicateProperties = false,
        });
        if (!requireMap) return Root(PlainValues.FromJson(doc.RootElement));
        if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new FormatError(firstLine, "expected a JSON object");
        var values = (Dictionary<string, object?>)PlainValues.FromJson(doc.RootElement)!;
        return new StructuredMap(values, ScanKeyLines(text, firstLine, JsonKey()));
    }

    private static StructuredMap Root(object? value) =>
        new(new Dictionary<string, object?> { [RootKey] = value }, ImmutableDictionary<string, int>.Empty);

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

    // Only an escape: after an even run of backslashes, "\\ud800" is a backslash and text.
    [GeneratedRegex("""(?<=(?<!\\)(?:\\\\)*)(?:\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2})""")]
    private static partial Regex LoneSurrogate();

    /// <summary>
    /// A parser's message without the position it repeats (ours is already in front of it), on one line. A position
    /// the message refers to elsewhere in the text ("already defined at (1,1)") is turned into a file line.
    /// </summary>
    internal static string Clean(string message, int firstLine)
    {
        var m = YamlPosition().Match(message);
        if (m.Success) message = m.Groups[1].Value;
        message = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        message = TomlPosition().Replace(message, "");
        message = JsonPosition().Replace(message, "");
        // Tomlyn's advice is for programmers; the writer needs the fact.
        message = message.Replace(" Change TomlSerializerOptions.MaxDepth to allow deeper nesting.", "", StringComparison.Ordinal);
        message = OtherPosition().Replace(message, p => $"line {firstLine + int.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture) - 1}");
        return Spaces().Replace(message, " ").Trim();
    }

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): (.*)$", RegexOptions.Singleline)]
    private static partial Regex YamlPosition();

    [GeneratedRegex(@"^[^\n]*?\(\d+,\d+\)\s*:\s*error\s*:\s*")]
    private static partial Regex TomlPosition();

    [GeneratedRegex(@"\s*(Path: \S*\s*\|\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?")]
    private static partial Regex JsonPosition();

    [GeneratedRegex(@"\((\d+),\d+\)")]
    private static partial Regex OtherPosition();
}
