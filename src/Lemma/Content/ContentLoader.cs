using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Lemma.Configuration;
using Lemma.Data;
using Lemma.Diagnostics;
using Lemma.Notebooks;
using Lemma.Sources;

namespace Lemma.Content;

public sealed record LoadResult(ImmutableArray<PageSource> Pages, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>Each file's page (null when it failed) and problems, so a rebuild can keep the files that did not change.</summary>
    internal IReadOnlyDictionary<string, FileLoad> Files { get; init; } = new Dictionary<string, FileLoad>();

    /// <summary>The content files this load read (the discovery's list).</summary>
    internal ImmutableArray<string> ContentFiles { get; init; } = [];
}

internal sealed record FileLoad(PageSource? Page, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// The load stage: reads every content file, splits front matter (YAML ---, TOML +++ or a JSON object) from the
/// body and types the fields Lemma understands. Every file is read; every problem of every file is reported.
/// </summary>
public static partial class ContentLoader
{
    public static LoadResult Load(SourceSet sources, SiteConfig config) => Load(sources, config, null, SourceChanges.Unknown);

    /// <param name="previous">The last build's load with the same config: its files that <paramref name="changes"/> does not touch are kept.</param>
    internal static LoadResult Load(SourceSet sources, SiteConfig config, LoadResult? previous, SourceChanges changes)
    {
        // A Quarto _metadata.yml is front matter of every page below it: an edit to one is read by all of them.
        if (changes.Paths.Any(p => p == "_metadata.yml" || p.EndsWith("/_metadata.yml", StringComparison.Ordinal))) changes = SourceChanges.Unknown;
        if (previous is not null && !changes.IsUnknown && previous.ContentFiles == sources.ContentFiles
            && Reloaded(sources, config, previous, changes) is { } reloaded) return reloaded;
        var files = new FileLoad[sources.ContentFiles.Length];
        Parallel.For(0, files.Length, i =>
        {
            var path = sources.ContentFiles[i];
            if (previous is not null && !changes.Touches(path) && previous.Files.TryGetValue(path, out var kept))
            {
                files[i] = kept;
                return;
            }
            files[i] = Read(sources.Root, path, config);
        });
        // ContentFiles is sorted by path, so pages and problems come out in path order.
        var byPath = new Dictionary<string, FileLoad>(files.Length, StringComparer.Ordinal);
        for (var i = 0; i < files.Length; i++) byPath[sources.ContentFiles[i]] = files[i];
        return new LoadResult(
            [.. files.Where(f => f.Page is not null).Select(f => f.Page!)],
            [.. files.SelectMany(f => f.Diagnostics).Distinct().OrderBy(d => d.Span.Path, StringComparer.Ordinal).ThenBy(d => d.Span.Line).ThenBy(d => d.Span.Column)])
        {
            Files = byPath,
            ContentFiles = sources.ContentFiles,
        };
    }

    /// <summary>
    /// The last load with the changed files read again, when the same files are there and each changed one loads
    /// cleanly, before and after: every other page and problem is the last load's, with no pass over them all.
    /// </summary>
    private static LoadResult? Reloaded(SourceSet sources, SiteConfig config, LoadResult previous, SourceChanges changes)
    {
        // Copying a dictionary with the same comparer copies its table without hashing again.
        var byPath = previous.Files is Dictionary<string, FileLoad> table
            ? new Dictionary<string, FileLoad>(table, StringComparer.Ordinal)
            : new Dictionary<string, FileLoad>(previous.Files, StringComparer.Ordinal);
        var pages = previous.Pages.ToBuilder();
        foreach (var path in changes.Paths)
        {
            if (!byPath.TryGetValue(path, out var before)) continue; // not a content file
            var (page, problems) = Read(sources.Root, path, config);
            if (before.Page is null || page is null || before.Diagnostics.Count > 0 || problems.Count > 0) return null;
            byPath[path] = new FileLoad(page, problems);
            // Pages are in path order, as the files are.
            var at = PathOrder.IndexOf(pages, path, p => p.Path);
            if (at < 0) return null;
            pages[at] = page;
        }
        return new LoadResult(pages.MoveToImmutable(), previous.Diagnostics) { Files = byPath, ContentFiles = sources.ContentFiles };
    }

    /// <summary>One content file read and parsed: what went wrong is a diagnostic, whatever it was.</summary>
    private static FileLoad Read(string root, string path, SiteConfig config)
    {
        var (text, unreadable) = SourceText.Read(root, path);
        if (text is null) return new FileLoad(null, [unreadable!]);
        try
        {
            if (config.Kind != SiteKind.Quarto)
            {
                var (page, problems) = Parse(path, text, config);
                return new FileLoad(page, problems);
            }
            var (inherited, unread) = QuartoMetadata.For(root, path);
            var (quartoPage, quartoProblems) = Parse(path, text, config, inherited);
            return new FileLoad(unread.Count > 0 ? null : quartoPage, [.. unread, .. quartoProblems]);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A file Lemma cannot parse is a bug to fix (the fuzz tests look for these), but never a stack trace.
            return new FileLoad(null, [Diagnostic.Error(SourceSpan.File(path), $"internal error while reading this file ({e.GetType().Name}: {e.Message}); please report it")]);
        }
    }

    /// <summary>Parses one content file given its path relative to the site root.</summary>
    /// <param name="inherited">Front matter the page's folders give it (Quarto's _metadata.yml); its own wins.</param>
    public static (PageSource? Page, IReadOnlyList<Diagnostic> Diagnostics) Parse(string path, string text, SiteConfig config,
        IReadOnlyDictionary<string, object?>? inherited = null)
    {
        var diagnostics = new List<Diagnostic>();
        text = text.Replace("\r\n", "\n").TrimStart('\uFEFF');
        var format = path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) ? ContentFormat.Notebook : ContentFormat.Markdown;
        var quarto = config.Kind == SiteKind.Quarto;
        var location = Locate(path, quarto);

        StructuredMap map;
        string body;
        int bodyLine;
        if (format == ContentFormat.Notebook)
        {
            // A notebook's front matter is in its metadata or a first cell; the body stays the notebook's JSON.
            var (notebook, error) = NotebookReader.Read(path, text);
            if (notebook is null) { diagnostics.Add(error!); return (null, diagnostics); }
            (map, body, bodyLine) = (notebook.FrontMatter, text, 1);
        }
        else
        {
            var split = SplitFrontMatter(path, text, diagnostics);
            if (split is null) return (null, diagnostics);
            (map, body, bodyLine) = split.Value;
        }
        if (inherited is not null) map = QuartoMetadata.Apply(map, inherited);

        var reader = new FieldReader(path, map, diagnostics);
        var fm = reader.Read(config);
        // Jekyll's _drafts/ are drafts whatever their front matter says: built with --drafts only.
        if (path.StartsWith("_drafts/", StringComparison.Ordinal)) fm = fm with { Draft = true };
        if (fm.Title is null && !location.IsSectionIndex)
        {
            // Quarto makes no title required: a page without one is named after its file, as a Jekyll post is.
            if (location.FileDate is not null || quarto) fm = fm with { Title = Humanize(location.FileSlug) };
            else diagnostics.Add(Diagnostic.Error(new SourceSpan(path, 1, 1), "missing required field 'title'"));
        }
        var page = new PageSource
        {
            Path = path,
            Section = location.Section,
            Format = format,
            FileSlug = location.FileSlug,
            BundleDir = location.BundleDir,
            IsSectionIndex = location.IsSectionIndex,
            FileDate = location.FileDate,
            FrontMatter = fm,
            Body = body,
            BodyLine = bodyLine,
        };
        return (diagnostics.Any(d => d.IsError) ? null : page, diagnostics);
    }

    private sealed record Location(string Section, string FileSlug, string? BundleDir, bool IsSectionIndex, DateTimeOffset? FileDate);

    /// <summary>Where a file sits: its section, slug, bundle and the date in a Jekyll-style name. In a Quarto project a
    /// section's index.qmd (posts/index.qmd, the listing of posts) is the section's own page.</summary>
    private static Location Locate(string path, bool quarto)
    {
        var parts = path.Split('/');
        // content/<section>/..., _posts/... (Jekyll: the posts section), or a page at the root.
        string[] inner = parts[0] switch
        {
            "content" => parts[1..],
            "_posts" or "_drafts" => ["posts", .. parts[1..]],
            _ => parts,
        };
        var fileName = inner[^1];
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var section = inner.Length > 1 ? inner[0] : "";
        // A Jekyll site's index.md at its root is its home page.
        var isIndex = stem == "_index" || (parts.Length == 1 && stem == "index") || (quarto && parts.Length == 2 && stem == "index");
        var isBundle = stem == "index" && inner.Length > 1;
        string? bundleDir = isBundle ? string.Join('/', parts[..^1]) : null;
        var slug = isIndex || isBundle ? (inner.Length > 1 ? inner[^2] : "") : stem;
        if (isIndex && inner.Length == 1) section = "";
        DateTimeOffset? fileDate = null;
        var m = DatedName().Match(slug);
        if (m.Success && DateTimeOffset.TryParseExact(m.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d))
        {
            fileDate = d;
            slug = m.Groups[2].Value;
        }
        return new Location(section, slug, bundleDir, isIndex, fileDate);
    }

    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2})-(.+)$")]
    private static partial Regex DatedName();

    private static (StructuredMap Map, string Body, int BodyLine)? SplitFrontMatter(string path, string text, List<Diagnostic> diagnostics)
    {
        var empty = new StructuredMap(new Dictionary<string, object?>(), ImmutableDictionary<string, int>.Empty);
        var firstLineEnd = text.IndexOf('\n');
        var firstLine = (firstLineEnd < 0 ? text : text[..firstLineEnd]).TrimEnd();
        StructuredFormat format;
        string[] closers;
        switch (firstLine)
        {
            case "---": format = StructuredFormat.Yaml; closers = ["---", "..."]; break;
            case "+++": format = StructuredFormat.Toml; closers = ["+++"]; break;
            default:
                if (text.StartsWith('{')) return SplitJson(path, text, diagnostics);
                return (empty, text, 1);
        }

        // Find the closing delimiter line.
        var lines = text.Split('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            if (!closers.Contains(lines[i].TrimEnd())) continue;
            var block = string.Join('\n', lines[1..i]);
            var body = string.Join('\n', lines[(i + 1)..]);
            var (map, error) = StructuredText.Parse(block, format, path, 2);
            if (error is not null) { diagnostics.Add(error); return null; }
            return (map!, body, i + 2);
        }
        diagnostics.Add(Diagnostic.Error(new SourceSpan(path, 1, 1), $"front matter opened with {firstLine} is never closed"));
        return null;
    }

    /// <summary>Hugo's JSON front matter: a JSON object at the start of the file, the body after it.</summary>
    private static (StructuredMap Map, string Body, int BodyLine)? SplitJson(string path, string text, List<Diagnostic> diagnostics)
    {
        var depth = 0;
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
                continue;
            }
            if (c == '"') inString = true;
            else if (c == '{') depth++;
            else if (c == '}' && --depth == 0)
            {
                var (map, error) = StructuredText.Parse(text[..(i + 1)], StructuredFormat.Json, path, 1);
                if (error is not null) { diagnostics.Add(error); return null; }
                var rest = text[(i + 1)..];
                var bodyLine = text[..(i + 1)].Count(ch => ch == '\n') + 1;
                if (rest.StartsWith('\n')) { rest = rest[1..]; bodyLine++; }
                return (map!, rest, bodyLine);
            }
        }
        diagnostics.Add(Diagnostic.Error(new SourceSpan(path, 1, 1), "JSON front matter is never closed"));
        return null;
    }

    private static string Humanize(string slug) =>
        slug.Length == 0 ? slug : char.ToUpperInvariant(slug[0]) + slug[1..].Replace('-', ' ');
}
