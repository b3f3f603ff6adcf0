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

/// <summary>One content file: its page (null when it could not be read) and its problems.</summary>
internal sealed record FileLoad(PageSource? Page, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// The load stage, one file at a time (<see cref="Build.SiteQueries"/> asks for each): splits front matter (YAML ---,
/// TOML +++ or a JSON object) from the body and types the fields Lemma understands; every problem is reported.
/// </summary>
public static partial class ContentLoader
{
    /// <summary>One content file read and parsed: what went wrong is a diagnostic, whatever it was.</summary>
    internal static FileLoad Read(string root, string path, SiteConfig config)
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
        var format = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".ipynb" => ContentFormat.Notebook,
            ".html" or ".htm" => ContentFormat.Html,
            _ => ContentFormat.Markdown,
        };
        var quarto = config.Kind == SiteKind.Quarto;
        var location = Locate(path, config.FileNameDate != FileNameDate.Ignored, quarto);

        StructuredMap map;
        string body;
        int bodyLine;
        if (format == ContentFormat.Notebook)
        {
            // A notebook's front matter is in its metadata or a first cell; the body stays the notebook's JSON.
            var (notebook, error) = NotebookReader.Read(path, text, titleHeading: !location.IsSectionIndex);
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

        var jekyll = config.Kind == SiteKind.Jekyll ? JekyllCollections.Read(config) : null;
        if (jekyll is not null)
        {
            map = Jekyll.JekyllDefaults.Apply(path, map, config, jekyll);
            location = JekyllLocate(path, location, jekyll);
        }
        var reader = new FieldReader(path, map, diagnostics);
        var fm = reader.Read(config);
        if (jekyll is not null && location.Categories.Length > 0)
            fm = fm with { Categories = [.. location.Categories.Concat(fm.Categories).Distinct(StringComparer.Ordinal)] };
        // A Jekyll page whose permalink is the root is the home page (al-folio's _pages/about.md).
        if (jekyll is not null && fm.Url is { } rootUrl && rootUrl.Trim() == "/" && !location.IsSectionIndex)
            location = location with { Section = "", IsSectionIndex = true, Permalink = null };
        // Jekyll's _drafts/ are drafts whatever their front matter says: built with --drafts only.
        if (path.StartsWith("_drafts/", StringComparison.Ordinal)) fm = fm with { Draft = true };
        if (fm.Title is null && !location.IsSectionIndex)
        {
            // A body that opens with "# Heading" has its title there (as Jupyter Book, Quarto and GitHub Pages read it);
            // a notebook (whose headings NotebookReader has looked at), a dated file or any page of a Hugo, Jekyll or Quarto
            // site (which need no title) has its name.
            if (format == ContentFormat.Markdown && TitleHeading.Find(body, firstLineOnly: true) is var (title, line))
            {
                fm = fm with { Title = title, KeyLines = fm.KeyLines.SetItem("title", bodyLine + line) };
                body = TitleHeading.Without(body, line);
            }
            else if (location.FileDate is not null || format == ContentFormat.Notebook || config.Kind == SiteKind.Hugo || jekyll is not null || quarto) fm = fm with { Title = Humanize(location.FileSlug) };
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
            Permalink = location.Permalink,
            FrontMatter = fm,
            Body = body,
            BodyLine = bodyLine,
        };
        return (diagnostics.Any(d => d.IsError) ? null : page, diagnostics);
    }

    private sealed record Location(string Section, string FileSlug, string? BundleDir, bool IsSectionIndex, DateTimeOffset? FileDate)
    {
        public string? Permalink { get; init; }
        public ImmutableArray<string> Categories { get; init; } = [];
    }

    /// <summary>
    /// Where a Jekyll file sits: a post (in _posts/, or in a folder's own _posts/, whose folders are its categories, as in
    /// Jekyll), a page of its folder (tag/x.md lives at /tag/x/), or a collection's document at the collection's permalink.
    /// Pages and documents are pages, not a section's posts.
    /// </summary>
    private static Location JekyllLocate(string path, Location location, IReadOnlyList<JekyllCollection> collections)
    {
        var posts = path.IndexOf("/_posts/", StringComparison.Ordinal);
        if (posts > 0) return Locate("_posts/" + path[(posts + "/_posts/".Length)..], datedNames: true, quarto: false) with { Categories = [.. path[..posts].Split('/')] };
        if (path.StartsWith("_posts/", StringComparison.Ordinal) || path.StartsWith("_drafts/", StringComparison.Ordinal)) return location;
        var folder = Path.GetDirectoryName(path)?.Replace('\\', '/') ?? "";
        var stem = Path.GetFileNameWithoutExtension(path);
        if (folder.Length == 0) return location;
        if (JekyllCollections.Of(path, collections) is { } collection)
        {
            var inner = path[(collection.Label.Length + 2)..];
            var pattern = (collection.Permalink ?? JekyllCollections.DefaultPermalink)
                .Replace(":collection", collection.Label, StringComparison.Ordinal)
                .Replace(":path", inner[..^Path.GetExtension(inner).Length], StringComparison.Ordinal);
            return location with { Section = "", IsSectionIndex = false, BundleDir = null, Permalink = pattern };
        }
        var url = stem == "index" ? "/" + folder + "/" : "/" + folder + "/" + stem + "/";
        return location with { Section = "", IsSectionIndex = false, BundleDir = null, FileSlug = stem == "index" ? Path.GetFileName(folder) : stem, Permalink = url };
    }

    /// <summary>Where a file sits: its section, slug, bundle and, when <paramref name="datedNames"/>, the date in a Jekyll-style
    /// name. In a Quarto project a section's index.qmd (posts/index.qmd, the listing of posts) is the section's own page.</summary>
    private static Location Locate(string path, bool datedNames, bool quarto)
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
        // A Jekyll site's index.md at its root is its home page, and so is a book of notebooks' Index.ipynb, its contents;
        // a Quarto section's index.qmd is the section's page.
        var isIndex = stem == "_index" || (parts.Length == 1 && (stem == "index"
            || (fileName.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) && stem.Equals("index", StringComparison.OrdinalIgnoreCase))))
            || (quarto && parts.Length == 2 && stem == "index");
        var isBundle = stem == "index" && inner.Length > 1;
        string? bundleDir = isBundle ? string.Join('/', parts[..^1]) : null;
        var slug = isIndex || isBundle ? (inner.Length > 1 ? inner[^2] : "") : stem;
        if (isIndex && inner.Length == 1) section = "";
        // A bundle right under content/ (content/about/index.md) is a page at the root, as in Hugo: its folder is no section.
        if (isBundle && !isIndex && inner.Length == 2) section = "";
        DateTimeOffset? fileDate = null;
        var m = DatedName().Match(slug);
        if (datedNames && m.Success && DateTimeOffset.TryParseExact(m.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d))
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
            diagnostics.AddRange(map!.Warnings);
            return (map, body, i + 2);
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
