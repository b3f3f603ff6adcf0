using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Lemma.Configuration;
using Lemma.Content;
using Lemma.Diagnostics;

namespace Lemma.Notebooks;

/// <summary>A Jupyter notebook (nbformat 4) as Lemma reads it: its kernel language, cells and front matter.</summary>
public sealed record Notebook
{
    /// <summary>The kernel's language (metadata.kernelspec.language, else language_info.name), or "".</summary>
    public required string Language { get; init; }
    public required ImmutableArray<NotebookCell> Cells { get; init; }
    /// <summary>The front matter: metadata.lemma and metadata.title, then the YAML of a first raw or Markdown cell.</summary>
    public required StructuredMap FrontMatter { get; init; }
    /// <summary>Index of the cell that held the front matter (not rendered), or -1.</summary>
    public int FrontMatterCell { get; init; } = -1;
}

/// <summary>One cell. <see cref="SourceLine"/> is the file line of its source's first line.</summary>
public sealed record NotebookCell
{
    public required int Index { get; init; }
    /// <summary>"markdown", "code" or "raw".</summary>
    public required string Type { get; init; }
    public required string Source { get; init; }
    public required int SourceLine { get; init; }
    public ImmutableArray<string> Tags { get; init; } = [];
    public int? ExecutionCount { get; init; }
    public ImmutableArray<NotebookOutput> Outputs { get; init; } = [];
    /// <summary>Attached files of a Markdown cell by name: MIME type and base64 data.</summary>
    public ImmutableDictionary<string, (string Mime, string Base64)> Attachments { get; init; } =
        ImmutableDictionary<string, (string Mime, string Base64)>.Empty;
    /// <summary>A raw cell's target format (metadata.format or raw_mimetype), e.g. "text/html".</summary>
    public string? RawFormat { get; init; }
}

/// <summary>
/// One output of a code cell: a stream (Name "stdout"/"stderr", Text), an execute_result or display_data
/// (Data by MIME type, each value joined to one string), or an error (Traceback lines with ANSI escapes).
/// </summary>
public sealed record NotebookOutput
{
    public required string OutputType { get; init; }
    public string? Name { get; init; }
    public string? Text { get; init; }
    public ImmutableDictionary<string, string> Data { get; init; } = ImmutableDictionary<string, string>.Empty;
    /// <summary>Per-MIME metadata such as image width and height.</summary>
    public ImmutableDictionary<string, JsonElement> Metadata { get; init; } = ImmutableDictionary<string, JsonElement>.Empty;
    public int? ExecutionCount { get; init; }
    public string? ErrorName { get; init; }
    public string? ErrorValue { get; init; }
    public ImmutableArray<string> Traceback { get; init; } = [];
}

/// <summary>
/// Reads .ipynb JSON. A file that is not JSON, or not a notebook, is an error at its path and JSON line:column.
/// Front matter comes from metadata.lemma (any fields) and metadata.title, and from a first raw or Markdown cell
/// holding YAML between --- lines; the cell's fields win, and that cell is not rendered.
/// </summary>
public static class NotebookReader
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = false, MaxDepth = 256 };

    /// <param name="titleHeading">Whether a first "# " heading may stand for a missing title (and leave its cell): not on
    /// a home or section index, which shows no title of its own.</param>
    public static (Notebook? Notebook, Diagnostic? Error) Read(string path, string json, bool titleHeading = true)
    {
        json = json.Replace("\r\n", "\n").TrimStart('\uFEFF');
        var bytes = Encoding.UTF8.GetBytes(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, Options);
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            var column = ColumnOf(bytes, line, (int)(e.BytePositionInLine ?? 0));
            return (null, Diagnostic.Error(new SourceSpan(path, line, column), "notebook: malformed JSON: " + Clean(e.Message)));
        }

        using (document)
        {
            var root = document.RootElement;
            var positions = Positions.Scan(bytes);
            if (root.ValueKind != JsonValueKind.Object)
                return (null, Diagnostic.Error(new SourceSpan(path, 1, 1), "notebook: the file is not a JSON object"));
            if (root.TryGetProperty("nbformat", out var nbformat) && nbformat.ValueKind == JsonValueKind.Number && nbformat.GetInt32() < 4)
                return (null, Diagnostic.Error(new SourceSpan(path, positions.Line(positions.NbFormat), 1),
                    $"notebook: nbformat {nbformat.GetInt32()} is not read; save the notebook as nbformat 4"));
            if (!root.TryGetProperty("cells", out var cellsElement) || cellsElement.ValueKind != JsonValueKind.Array)
                return (null, Diagnostic.Error(new SourceSpan(path, 1, 1), "notebook: no \"cells\" array (is this an nbformat 4 notebook?)"));

            var metadata = root.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
            var cells = ImmutableArray.CreateBuilder<NotebookCell>();
            var index = 0;
            foreach (var cell in cellsElement.EnumerateArray())
            {
                var cellPosition = index < positions.Cells.Count ? positions.Cells[index] : (Start: 0L, Source: 0L);
                if (cell.ValueKind != JsonValueKind.Object)
                    return (null, Diagnostic.Error(new SourceSpan(path, positions.Line(cellPosition.Start), 1), $"notebook: cell {index + 1} is not an object"));
                cells.Add(ReadCell(cell, index, positions.Line(cellPosition.Source != 0 ? cellPosition.Source : cellPosition.Start)));
                index++;
            }

            var (frontMatter, frontCell, error) = FrontMatter(path, metadata, cells, positions);
            if (error is not null) return (null, error);
            if (titleHeading) frontMatter = TitleFromHeading(frontMatter, frontCell, cells);
            return (new Notebook
            {
                Language = Language(metadata),
                Cells = cells.ToImmutable(),
                FrontMatter = frontMatter,
                FrontMatterCell = frontCell,
            }, null);
        }
    }

    private static NotebookCell ReadCell(JsonElement cell, int index, int sourceLine)
    {
        var meta = cell.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        var tags = meta.ValueKind == JsonValueKind.Object && meta.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Array
            ? t.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToImmutableArray()
            : [];
        string? rawFormat = null;
        if (meta.ValueKind == JsonValueKind.Object)
            rawFormat = Str(meta, "format") ?? Str(meta, "raw_mimetype");
        var attachments = ImmutableDictionary.CreateBuilder<string, (string, string)>(StringComparer.Ordinal);
        if (cell.TryGetProperty("attachments", out var att) && att.ValueKind == JsonValueKind.Object)
            foreach (var a in att.EnumerateObject())
                if (a.Value.ValueKind == JsonValueKind.Object)
                    foreach (var mime in a.Value.EnumerateObject())
                    {
                        attachments[a.Name] = (mime.Name, Joined(mime.Value));
                        break;
                    }

        var outputs = ImmutableArray.CreateBuilder<NotebookOutput>();
        if (cell.TryGetProperty("outputs", out var outs) && outs.ValueKind == JsonValueKind.Array)
            foreach (var o in outs.EnumerateArray())
                if (o.ValueKind == JsonValueKind.Object) outputs.Add(ReadOutput(o));

        return new NotebookCell
        {
            Index = index,
            Type = Str(cell, "cell_type") ?? "raw",
            Source = cell.TryGetProperty("source", out var s) ? Joined(s) : "",
            SourceLine = sourceLine,
            Tags = tags,
            ExecutionCount = cell.TryGetProperty("execution_count", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : null,
            Outputs = outputs.ToImmutable(),
            Attachments = attachments.ToImmutable(),
            RawFormat = rawFormat,
        };
    }

    private static NotebookOutput ReadOutput(JsonElement o)
    {
        var data = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (o.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object)
            foreach (var p in d.EnumerateObject())
                data[p.Name] = p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Array ? Joined(p.Value) : p.Value.GetRawText();
        var metadata = ImmutableDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
        if (o.TryGetProperty("metadata", out var md) && md.ValueKind == JsonValueKind.Object)
            foreach (var p in md.EnumerateObject()) metadata[p.Name] = p.Value.Clone();
        return new NotebookOutput
        {
            OutputType = Str(o, "output_type") ?? "",
            Name = Str(o, "name"),
            Text = o.TryGetProperty("text", out var text) ? Joined(text) : null,
            Data = data.ToImmutable(),
            Metadata = metadata.ToImmutable(),
            ExecutionCount = o.TryGetProperty("execution_count", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : null,
            ErrorName = Str(o, "ename"),
            ErrorValue = Str(o, "evalue"),
            Traceback = o.TryGetProperty("traceback", out var tb) && tb.ValueKind == JsonValueKind.Array
                ? tb.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToImmutableArray()
                : [],
        };
    }

    private static (StructuredMap Map, int Cell, Diagnostic? Error) FrontMatter(string path, JsonElement metadata,
        ImmutableArray<NotebookCell>.Builder cells, Positions positions)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var lines = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        if (metadata.ValueKind == JsonValueKind.Object)
        {
            if (metadata.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String)
            {
                values["title"] = title.GetString();
                lines["title"] = positions.Line(positions.MetadataTitle);
            }
            if (metadata.TryGetProperty("lemma", out var lemma))
            {
                var line = positions.Line(positions.MetadataLemma);
                if (lemma.ValueKind != JsonValueKind.Object)
                    return (Empty, -1, Diagnostic.Error(new SourceSpan(path, line, 1), "notebook: metadata.lemma must be an object of front matter fields"));
                var (map, error) = StructuredText.Parse(lemma.GetRawText(), StructuredFormat.Json, path, line);
                if (error is not null) return (Empty, -1, error);
                foreach (var (k, v) in map!.Values) values[k] = v;
                foreach (var (k, v) in map.KeyLines) lines[k] = v;
            }
        }

        var frontCell = -1;
        if (cells.Count > 0 && cells[0].Type is "raw" or "markdown")
        {
            var source = cells[0].Source.Replace("\r\n", "\n");
            var split = source.Split('\n');
            if (split[0].TrimEnd() == "---")
            {
                var close = Array.FindIndex(split, 1, l => l.TrimEnd() is "---" or "...");
                if (close < 0)
                    return (Empty, -1, Diagnostic.Error(new SourceSpan(path, cells[0].SourceLine, 1), "notebook: front matter opened with --- in the first cell is never closed"));
                // Saved notebooks hold one source line per JSON line, so the YAML's lines follow the cell's first line.
                var (map, error) = StructuredText.Parse(string.Join('\n', split[1..close]), StructuredFormat.Yaml, path, cells[0].SourceLine + 1);
                if (error is not null) return (Empty, -1, error);
                foreach (var (k, v) in map!.Values) values[k] = v;
                foreach (var (k, v) in map.KeyLines) lines[k] = v;
                frontCell = 0;
                var rest = string.Join('\n', split[(close + 1)..]);
                // Markdown after the closing --- stays in the cell and is rendered.
                if (rest.Trim().Length > 0)
                {
                    cells[0] = cells[0] with { Source = rest, SourceLine = cells[0].SourceLine + close + 1 };
                    frontCell = -1;
                }
                else cells[0] = cells[0] with { Source = "" };
            }
        }
        return (new StructuredMap(values, lines.ToImmutable()), frontCell, null);
    }

    /// <summary>
    /// The first "# " heading of the Markdown cells is the title when the front matter has none, as Jupyter Book takes it;
    /// that heading (or one that repeats the front matter's title) leaves its cell, so the page shows it once.
    /// </summary>
    private static StructuredMap TitleFromHeading(StructuredMap frontMatter, int frontCell, ImmutableArray<NotebookCell>.Builder cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i == frontCell || cells[i].Type != "markdown" || TitleHeading.Find(cells[i].Source, firstLineOnly: false) is not var (title, line)) continue;
            var given = frontMatter.Values.GetValueOrDefault("title");
            if (given is not null && !Equals(given as string, title)) return frontMatter;
            cells[i] = cells[i] with { Source = TitleHeading.Without(cells[i].Source, line) };
            if (given is not null) return frontMatter;
            var values = new Dictionary<string, object?>(frontMatter.Values, StringComparer.Ordinal) { ["title"] = title };
            return new StructuredMap(values, frontMatter.KeyLines.SetItem("title", cells[i].SourceLine + line));
        }
        return frontMatter;
    }

    private static readonly StructuredMap Empty = new(new Dictionary<string, object?>(), ImmutableDictionary<string, int>.Empty);

    private static string Language(JsonElement metadata)
    {
        if (metadata.ValueKind != JsonValueKind.Object) return "";
        if (metadata.TryGetProperty("kernelspec", out var k) && k.ValueKind == JsonValueKind.Object && Str(k, "language") is { Length: > 0 } l) return l;
        if (metadata.TryGetProperty("language_info", out var i) && i.ValueKind == JsonValueKind.Object && Str(i, "name") is { Length: > 0 } n) return n;
        // Only the kernel's name, such as "python3": the highlighter knows the common ones.
        if (k.ValueKind == JsonValueKind.Object && Str(k, "name") is { Length: > 0 } name) return name;
        return "";
    }

    /// <summary>nbformat multiline strings: a string, or a list of strings to concatenate.</summary>
    private static string Joined(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.Array => string.Concat(e.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString())),
        _ => "",
    };

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A 1-based character column from a 0-based UTF-8 byte offset in a 1-based line.</summary>
    private static int ColumnOf(byte[] bytes, int line, int byteInLine)
    {
        var start = 0;
        for (var l = 1; l < line && start < bytes.Length; l++)
        {
            var next = Array.IndexOf(bytes, (byte)'\n', start);
            if (next < 0) break;
            start = next + 1;
        }
        var length = System.Math.Clamp(byteInLine, 0, bytes.Length - start);
        return Encoding.UTF8.GetCharCount(bytes, start, length) + 1;
    }

    /// <summary>"'x' is invalid after a value. Expected ... LineNumber: 3 | BytePositionInLine: 4." without the position part.</summary>
    private static string Clean(string message)
    {
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (at < 0) at = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (at >= 0 ? message[..at] : message).TrimEnd();
    }

    /// <summary>Byte offsets of the parts diagnostics point at, from one pass of a JSON reader over the file.</summary>
    private sealed class Positions
    {
        private readonly List<long> newlines = [];
        public List<(long Start, long Source)> Cells { get; } = [];
        public long NbFormat { get; private set; }
        public long MetadataTitle { get; private set; }
        public long MetadataLemma { get; private set; }

        public static Positions Scan(byte[] bytes)
        {
            var p = new Positions();
            for (var i = 0; i < bytes.Length; i++) if (bytes[i] == (byte)'\n') p.newlines.Add(i);
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 256 });
            string? topProperty = null;
            var inSource = false;
            while (reader.Read())
            {
                var depth = reader.CurrentDepth;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName when depth == 1:
                        topProperty = reader.GetString();
                        if (topProperty == "nbformat") p.NbFormat = reader.TokenStartIndex;
                        break;
                    case JsonTokenType.PropertyName when depth == 2 && topProperty == "metadata":
                        var name = reader.GetString();
                        if (name == "title") p.MetadataTitle = reader.TokenStartIndex;
                        else if (name == "lemma") p.MetadataLemma = reader.TokenStartIndex;
                        break;
                    case JsonTokenType.StartObject when depth == 2 && topProperty == "cells":
                        p.Cells.Add((reader.TokenStartIndex, 0));
                        break;
                    case JsonTokenType.PropertyName when depth == 3 && topProperty == "cells":
                        inSource = reader.GetString() == "source";
                        break;
                    case JsonTokenType.String when inSource && depth is 3 or 4 && topProperty == "cells":
                        if (p.Cells.Count > 0 && p.Cells[^1].Source == 0) p.Cells[^1] = (p.Cells[^1].Start, reader.TokenStartIndex);
                        inSource = false;
                        break;
                    case JsonTokenType.EndArray when inSource && depth == 3:
                        inSource = false;
                        break;
                }
            }
            return p;
        }

        /// <summary>1-based line of a byte offset.</summary>
        public int Line(long offset)
        {
            var i = newlines.BinarySearch(offset);
            return (i < 0 ? ~i : i) + 1;
        }
    }
}
