using System.Text;
using System.Text.Json;
using Lemma.Cli;

namespace Lemma.Browser.Tests;

/// <summary>
/// A site built with `lemma build` whose notebooks carry the whole XSS corpus (xss/vectors.jsonl): one notebook per
/// place a notebook carries HTML, each vector in its own cell. Every page is written twice: as built (with the
/// theme's &lt;meta&gt; Content-Security-Policy) and as nocsp.html without it, since the sanitizer must stand on its
/// own. Served by <see cref="StaticServer"/>, which sends no Content-Security-Policy header.
/// </summary>
public sealed class XssSite : IDisposable
{
    /// <summary>The places, as the notebook page's file name and what holds each vector there.</summary>
    public static readonly string[] Places = ["text-html", "text-markdown", "image-svg", "markdown-cell", "raw-cell"];

    private readonly string root = Path.Combine(Path.GetTempPath(), "lemma-xss-" + Guid.NewGuid().ToString("N")[..12]);

    public IReadOnlyList<Vector> Vectors { get; }
    public StaticServer Server { get; }
    public string BuildLog { get; }
    /// <summary>Per place, the vector of each .nb-cell of its page (index 0 is the heading cell: null).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Vector?>> Cells { get; }

    public sealed record Vector(string Id, string Text);

    public XssSite()
    {
        var repo = FindRepoRoot();
        Vectors = [.. File.ReadAllLines(Path.Combine(repo, "tests", "Lemma.Browser.Tests", "xss", "vectors.jsonl"))
            .Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => new Vector(e.GetProperty("id").GetString()!, e.GetProperty("vector").GetString()!))];
        var source = Path.Combine(root, "site");
        Directory.CreateDirectory(Path.Combine(source, "content", "posts"));
        File.WriteAllText(Path.Combine(source, "site.yaml"), "title: XSS\nbase_url: https://example.org/\n");
        var cells = new Dictionary<string, IReadOnlyList<Vector?>>();
        foreach (var place in Places)
        {
            // A raw or Markdown cell with nothing but whitespace renders as nothing: it would have no cell to find it by.
            var held = Vectors.Where(v => place is not ("raw-cell" or "markdown-cell") || v.Text.Trim().Length > 0).ToList();
            File.WriteAllText(Path.Combine(source, "content", "posts", place + ".ipynb"), Notebook(place, held));
            cells[place] = [null, .. held];
        }
        Cells = cells;

        var output = new StringWriter();
        var error = new StringWriter();
        var code = LemmaApp.Run(["build", "--source", source, "--out", Path.Combine(root, "public")], output, error);
        BuildLog = $"exit {code}\n{output}\n{error}";
        if (code != 0) throw new InvalidOperationException("lemma build of the XSS notebooks failed:\n" + BuildLog);
        foreach (var place in Places)
        {
            var page = Path.Combine(root, "public", "posts", place, "index.html");
            var html = File.ReadAllText(page);
            var meta = html.IndexOf("<meta http-equiv=\"Content-Security-Policy\"", StringComparison.Ordinal);
            if (meta < 0) throw new InvalidOperationException($"{page} has no Content-Security-Policy <meta>");
            File.WriteAllText(Path.Combine(Path.GetDirectoryName(page)!, "nocsp.html"), html.Remove(meta, html.IndexOf('>', meta) - meta + 1));
        }
        Server = new StaticServer(Path.Combine(root, "public"));
    }

    public static string PathOf(string place, bool csp) => $"/posts/{place}/" + (csp ? "" : "nocsp.html");

    /// <summary>A notebook with a heading cell (its title, so shown as the page's heading and not as a cell), then one cell per vector, written with a JSON writer so that every
    /// string arrives exactly as it is.</summary>
    private static string Notebook(string place, IReadOnlyList<Vector> vectors)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("cells");
            MarkdownCell(json, "# Vectors as " + place);
            foreach (var vector in vectors)
            {
                switch (place)
                {
                    case "markdown-cell": MarkdownCell(json, vector.Text); break;
                    case "raw-cell":
                        json.WriteStartObject();
                        json.WriteString("cell_type", "raw");
                        json.WriteStartObject("metadata");
                        json.WriteString("format", "text/html");
                        json.WriteEndObject();
                        json.WriteString("source", vector.Text);
                        json.WriteEndObject();
                        break;
                    default: OutputCell(json, vector, place switch { "text-html" => "text/html", "text-markdown" => "text/markdown", _ => "image/svg+xml" }); break;
                }
            }
            json.WriteEndArray();
            json.WriteStartObject("metadata");
            json.WriteString("title", "Vectors as " + place);
            json.WriteStartObject("kernelspec");
            json.WriteString("language", "python");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteNumber("nbformat", 4);
            json.WriteNumber("nbformat_minor", 5);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void MarkdownCell(Utf8JsonWriter json, string source)
    {
        json.WriteStartObject();
        json.WriteString("cell_type", "markdown");
        json.WriteStartObject("metadata");
        json.WriteEndObject();
        json.WriteString("source", source);
        json.WriteEndObject();
    }

    private static void OutputCell(Utf8JsonWriter json, Vector vector, string mime)
    {
        json.WriteStartObject();
        json.WriteString("cell_type", "code");
        json.WriteNumber("execution_count", 1);
        json.WriteStartObject("metadata");
        json.WriteEndObject();
        json.WriteString("source", "show(" + JsonSerializer.Serialize(vector.Id) + ")");
        json.WriteStartArray("outputs");
        json.WriteStartObject();
        json.WriteString("output_type", "display_data");
        json.WriteStartObject("metadata");
        json.WriteEndObject();
        json.WriteStartObject("data");
        json.WriteString(mime, vector.Text);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public void Dispose()
    {
        Server.Dispose();
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Lemma.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Lemma.slnx not found above " + AppContext.BaseDirectory);
    }
}
