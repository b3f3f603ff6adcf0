using System.Collections.Immutable;
using System.Globalization;
using Lemma.Diagnostics;

namespace Lemma.Configuration;

public sealed record ConfigResult(SiteConfig Config, string? Path, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>
/// The config stage: reads site.yaml, or a Hugo (hugo.* / config.*) or Jekyll (_config.yml) config as it is,
/// into a <see cref="SiteConfig"/>. Keys are matched without regard to case, '_' or '-', so Hugo's baseURL and
/// Lemma's base_url are the same key.
/// </summary>
public static partial class ConfigLoader
{
    /// <summary>Config file names in the order they are looked for.</summary>
    public static readonly ImmutableArray<string> FileNames =
    [
        "site.yaml", "site.yml", "site.toml", "site.json",
        "_quarto.yml", "_quarto.yaml",
        "hugo.yaml", "hugo.yml", "hugo.toml", "hugo.json",
        "config.yaml", "config.yml", "config.toml", "config.json",
        "_config.yml", "_config.yaml",
    ];

    public static string? Find(string root) => FileNames.FirstOrDefault(n => File.Exists(System.IO.Path.Combine(root, n)));

    /// <summary>The tool a config file's name belongs to: site.* is Lemma's, _config.* Jekyll's, _quarto.* Quarto's, hugo.* and config.* Hugo's.</summary>
    public static SiteKind KindOf(string? configFile) => configFile switch
    {
        null => SiteKind.Lemma,
        _ when configFile.StartsWith("site.", StringComparison.Ordinal) => SiteKind.Lemma,
        _ when configFile.StartsWith("_config", StringComparison.Ordinal) => SiteKind.Jekyll,
        _ when configFile.StartsWith("_quarto", StringComparison.Ordinal) => SiteKind.Quarto,
        _ => SiteKind.Hugo,
    };

    public static ConfigResult Load(string root)
    {
        var name = Find(root);
        // Without a config the sitemap and feeds link to http://localhost/: worth saying, not worth failing for.
        if (name is null)
            return new ConfigResult(new SiteConfig(), null, [Diagnostic.Warning(SourceSpan.File(FileNames[0]),
                $"no config file (site.yaml, hugo.toml, config.toml, _config.yml or _quarto.yml): the sitemap and feeds link to {new SiteConfig().BaseUrl} unless --base-url is given")]);
        var format = System.IO.Path.GetExtension(name) switch
        {
            ".toml" => StructuredFormat.Toml,
            ".json" => StructuredFormat.Json,
            _ => StructuredFormat.Yaml,
        };
        var full = System.IO.Path.Combine(root, name);
        var kind = KindOf(name);
        var unread = new SiteConfig { Kind = kind };
        // A config that links out of the site is not read: its text would show in the errors.
        if (FileTree.KindOf(full) == FileTree.EntryKind.Link
            && FileTree.FollowLink(FileTree.RealPath(root) ?? root, name, full, out var problem) is null)
            return new ConfigResult(unread, name, [problem!]);
        var (text, unreadable) = SourceText.Read(root, name);
        if (text is null) return new ConfigResult(unread, name, [unreadable!]);
        var (map, error) = StructuredText.Parse(text, format, name, 1);
        if (map is null) return new ConfigResult(unread, name, [error!]);
        // Quarto keeps the site's own settings under website:, beside project: and format: that Lemma has no use for.
        if (kind == SiteKind.Quarto)
        {
            map = QuartoConfig.Flatten(map, text);
            if (!map.Values.ContainsKey("home") && QuartoConfig.HomeFromListing(root) is { } home)
                map = map with { Values = new Dictionary<string, object?>(map.Values) { ["home"] = home } };
        }
        var reader = new ConfigReader(root, name, text, map, IsHugo: kind == SiteKind.Hugo, IsJekyll: kind == SiteKind.Jekyll, IsLemma: kind == SiteKind.Lemma);
        return new ConfigResult(reader.Read() with { Kind = kind }, name, [.. map.Warnings, .. reader.Diagnostics]);
    }

    private sealed record ConfigReader(string Root, string Path, string Source, StructuredMap Map, bool IsHugo, bool IsJekyll, bool IsLemma)
    {
        public List<Diagnostic> Diagnostics { get; } = [];

        private IReadOnlyDictionary<string, object?> Params => Get(Map.Values, "params") as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>();

        public SiteConfig Read()
        {
            var defaults = new SiteConfig();
            var config = new SiteConfig
            {
                Title = Text("title") ?? defaults.Title,
                Description = Text("description") ?? Str(Get(Params, "description")) ?? "",
                Tagline = Text("tagline") ?? Text("subtitle") ?? Str(Get(Params, "tagline")) ?? Str(Get(Params, "subtitle")) ?? "",
                Author = WithSafeAvatar(ReadAuthor(Get(Map.Values, "author") ?? Get(Params, "author"))),
                BaseUrl = ReadBaseUrl() ?? defaults.BaseUrl,
                Language = ReadLanguage(),
                Menu = ReadMenu(),
                Social = [.. ReadSocial(Get(Map.Values, "social") ?? Get(Params, "social"))
                    .Where(l => SafeUrl(Get(Map.Values, "social") is null ? "params" : "social", l.Url) is not null)],
                Home = ReadHome(),
                Taxonomies = ReadTaxonomies() ?? defaults.Taxonomies,
                Permalinks = ReadPermalinks(),
                JekyllPermalink = IsJekyll ? ReadJekyllPermalink() : null,
                LowerCaseUrls = IsHugo && Get(Map.Values, "disablePathToLower") is not true,
                UglyUrls = IsHugo && Get(Map.Values, "uglyURLs") is true,
                FileNameDate = IsHugo ? HugoFileNameDate() : FileNameDate.Fallback,
                PageSize = Int("page_size") ?? Int("paginate") ?? Int(Get(Get(Map.Values, "pagination"), "pagerSize"), "pagination") ?? defaults.PageSize,
                FeedSize = FeedLimit() ?? Int("feed_size") ?? Int("rss_limit") ?? Int(Get(Get(Map.Values, "services"), "rss") is { } rss ? Get(rss, "limit") : null, "services") ?? defaults.FeedSize,
                FeedContent = ReadFeedContent(),
                Llms = ReadLlms(),
                Search = ReadSwitch("search", otherwise: true),
                MathMacros = ReadMacros(),
                MathSyntax = ReadMathSyntax(),
                Highlight = ReadHighlight(),
                WordsPerMinute = Int("words_per_minute") ?? defaults.WordsPerMinute,
                // Jekyll, Hugo and Quarto themes use comments: for their own providers (disqus, giscus): only site.yaml's is Lemma's.
                Comments = IsLemma ? ReadComments() : defaults.Comments,
                Smtp = IsLemma ? ReadSmtp() : defaults.Smtp,
                // As comments: a Hugo or Jekyll theme's newsletter: is its own (a Mailchimp form), not Lemma's.
                Newsletter = IsLemma ? ReadNewsletter() : defaults.Newsletter,
                PolicySources = IsLemma ? ReadPolicySources() : defaults.PolicySources,
                // Lemma's keys at the top of site.yaml, PaperMod's under params.
                Display = PageDisplay.Read(Map.Values).Over(PageDisplay.Read(Params)),
                Params = Map.Values.ToImmutableDictionary(StringComparer.Ordinal),
            };
            if (config.PageSize < 1) Error("page_size", "page_size must be at least 1");
            // Jekyll's posts follow its one permalink, unless a Lemma-style permalinks map says otherwise.
            if (config.JekyllPermalink is { } jekyll && !config.Permalinks.ContainsKey("posts"))
                config = config with { Permalinks = config.Permalinks.SetItem("posts", jekyll) };
            return config;
        }

        /// <summary><c>feeds: { content: full | summary, limit: N }</c>: what each entry carries.</summary>
        private FeedContent ReadFeedContent()
        {
            var feeds = Get(Map.Values, "feeds");
            if (feeds is null) return FeedContent.Full;
            if (feeds is not IReadOnlyDictionary<string, object?> map)
            {
                FeedsError("feeds", "feeds must be a map: { content: full | summary, limit: N }");
                return FeedContent.Full;
            }
            switch (Get(map, "content"))
            {
                case null or "full": return FeedContent.Full;
                case "summary": return FeedContent.Summary;
                case var other:
                    FeedsError("content", $"feeds.content must be full or summary; got '{Str(other) ?? "a list or map"}'");
                    return FeedContent.Full;
            }
        }

        /// <summary><c>feeds.limit</c>: entries in each feed, at least 1.</summary>
        private int? FeedLimit()
        {
            if (Get(Get(Map.Values, "feeds"), "limit") is not { } value) return null;
            if (ToInt(value) is { } limit and >= 1) return limit;
            FeedsError("limit", $"feeds.limit must be a whole number of at least 1; got '{Str(value) ?? "a list or map"}'");
            return null;
        }

        private void FeedsError(string key, string message) =>
            Diagnostics.Add(Diagnostic.Error(new SourceSpan(Path, key == "feeds" ? LineOfKey("feeds") : NestedLine("feeds", key), 1), message));

        /// <summary><c>llms: true | false</c>: llms.txt and llms-full.txt, on unless turned off.</summary>
        private bool ReadLlms()
        {
            var value = Get(Map.Values, "llms");
            if (value is null or true) return true;
            if (value is false) return false;
            Diagnostics.Add(Diagnostic.Error(new SourceSpan(Path, LineOfKey("llms"), 1), $"llms must be true or false; got '{Str(value) ?? "a list or map"}'"));
            return true;
        }

        /// <summary>A <c>key: true | false</c> setting, on unless turned off.</summary>
        private bool ReadSwitch(string key, bool otherwise = true)
        {
            var value = Get(Map.Values, key);
            if (value is null) return otherwise;
            if (value is bool on) return on;
            Diagnostics.Add(Diagnostic.Error(new SourceSpan(Path, LineOfKey(key), 1), $"{key} must be true or false; got '{Str(value) ?? "a list or map"}'"));
            return otherwise;
        }

        private int LineOfKey(string key) => Map.KeyLines.FirstOrDefault(kv => Normalize(kv.Key) == Normalize(key)).Value is > 0 and var line ? line : 1;

        private Author WithSafeAvatar(Author author) =>
            SafeUrl(Get(Map.Values, "author") is null ? "params" : "author", author.Avatar) is null ? author with { Avatar = "" } : author;

        private string? ReadBaseUrl()
        {
            var value = Text("base_url") ?? Text("baseurl");
            if (IsJekyll)
            {
                // Jekyll splits it: url is the host, baseurl the path under it.
                // Without url, baseurl is still a path: it goes under the default host (--base-url sets the real one).
                var url = Text("url") is { Length: > 0 } host ? host : new Uri(new SiteConfig().BaseUrl).GetLeftPart(UriPartial.Authority);
                var path = (Text("baseurl") ?? "").Trim('/');
                value = url.TrimEnd('/') + "/" + (path.Length > 0 ? path + "/" : "");
            }
            if (value is null) return null;
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            {
                Error(Map.KeyLines.ContainsKey("base_url") ? "base_url" : "baseURL", $"base_url must be an absolute http(s) URL, not '{value}'");
                return null;
            }
            return value.EndsWith('/') ? value : value + "/";
        }

        private string ReadLanguage()
        {
            var lang = Text("language") ?? Text("language_code") ?? Text("lang") ?? "en";
            return lang;
        }

        private static Author ReadAuthor(object? value) => value switch
        {
            string name => new Author { Name = name },
            // Hugo's params.author, Quarto's and Pandoc's author may list several (names or maps): they share the byline,
            // and the first one's details stand for the site's author.
            IEnumerable<object?> list => list.Select(ReadAuthor).Where(a => a.Name.Trim().Length > 0).ToList() is { Count: > 0 } all
                ? all[0] with { Name = string.Join(", ", all.Select(a => a.Name.Trim())) }
                : new Author(),
            IReadOnlyDictionary<string, object?> map => new Author
            {
                Name = Str(Get(map, "name")) ?? "",
                Email = Str(Get(map, "email")) ?? "",
                Avatar = Str(Get(map, "avatar")) ?? Str(Get(map, "image")) ?? "",
                Bio = Str(Get(map, "bio")) ?? Str(Get(map, "description")) ?? "",
            },
            _ => new Author(),
        };

        private ImmutableArray<MenuItem> ReadMenu()
        {
            var value = Get(Map.Values, "menu") ?? Get(Map.Values, "menus");
            // Hugo: menus: { main: [ ... ] }
            if (value is IReadOnlyDictionary<string, object?> named) value = Get(named, "main");
            if (value is null) return [];
            if (value is not IEnumerable<object?> list || value is string) { Error("menu", "menu must be a list of {name, url, weight}"); return []; }
            var items = new List<MenuItem>();
            foreach (var item in list)
            {
                if (item is not IReadOnlyDictionary<string, object?> m || (Str(Get(m, "name")) ?? Str(Get(m, "identifier"))) is not { } itemName)
                {
                    Error("menu", "each menu item needs a name and a url");
                    continue;
                }
                var url = Str(Get(m, "url")) ?? Str(Get(m, "page_ref")) ?? "/";
                if (SafeUrl(Get(Map.Values, "menu") is null ? "menus" : "menu", url) is null) continue;
                items.Add(new MenuItem(itemName, url, ToInt(Get(m, "weight")) ?? 0));
            }
            return [.. items.Select((m, i) => (m, i)).OrderBy(x => x.m.Weight).ThenBy(x => x.i).Select(x => x.m)];
        }

        private static ImmutableArray<SocialLink> ReadSocial(object? value) => value switch
        {
            IReadOnlyDictionary<string, object?> map => [.. map.Where(kv => kv.Value is string).Select(kv => new SocialLink(kv.Key, (string)kv.Value!))],
            IEnumerable<object?> list => [.. list.OfType<IReadOnlyDictionary<string, object?>>()
                .Where(m => Str(Get(m, "name")) is not null && Str(Get(m, "url")) is not null)
                .Select(m => new SocialLink(Str(Get(m, "name"))!, Str(Get(m, "url"))!))],
            _ => [],
        };

        private static readonly string[] HomeKinds = ["intro", "featured", "category", "tag", "section", "research", "data", "recent", "trending", "connect"];

        private ImmutableArray<HomeSection> ReadHome()
        {
            var value = Get(Map.Values, "home");
            if (value is null) return [];
            if (value is not IEnumerable<object?> list || value is string) { Error("home", "home must be a list of blocks, each with a kind"); return []; }
            var blocks = new List<HomeSection>();
            foreach (var item in list)
            {
                var map = item as IReadOnlyDictionary<string, object?>;
                var kind = item as string ?? (map is null ? null : Str(Get(map, "kind")));
                if (kind is null || !HomeKinds.Contains(kind))
                {
                    Error("home", $"home block kind must be one of {string.Join(", ", HomeKinds)}; got '{kind}'");
                    continue;
                }
                var settings = map?.Where(kv => kv.Key is not ("kind" or "title"))
                    .ToImmutableDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal) ?? ImmutableDictionary<string, object?>.Empty;
                blocks.Add(new HomeSection(kind, map is null ? "" : Str(Get(map, "title")) ?? "", settings));
            }
            return [.. blocks];
        }

        private ImmutableDictionary<string, string>? ReadTaxonomies()
        {
            if (Get(Map.Values, "taxonomies") is not IReadOnlyDictionary<string, object?> map) return null;
            var result = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in map)
            {
                if (value is not string other) { Error("taxonomies", "taxonomies maps a plural name to a singular one, e.g. tags: tag"); continue; }
                // Hugo writes singular: plural; Lemma plural: singular.
                var (plural, singular) = IsHugo ? (other, key) : (key, other);
                // The plural is the folder of the taxonomy's pages.
                if (plural.Contains('/') || OutputPath.Problem(plural) is not null)
                {
                    Error("taxonomies", $"taxonomy name '{plural}' must be one folder name, without '/', '\\', '.' or '..'");
                    continue;
                }
                result[plural] = singular;
            }
            return result.ToImmutable();
        }

        /// <summary>Permalink patterns by section; a pattern that would climb out of the output is an error here, and its
        /// section keeps the default /section/slug/.</summary>
        private ImmutableDictionary<string, string> ReadPermalinks()
        {
            if (Get(Map.Values, "permalinks") is not IReadOnlyDictionary<string, object?> map) return ImmutableDictionary<string, string>.Empty;
            // Hugo 0.115+: patterns by page kind; a regular page's are under page.
            if (IsHugo && Get(map, "page") is IReadOnlyDictionary<string, object?> pages) map = pages;
            var result = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            foreach (var (section, value) in map)
            {
                if (value is not string pattern) continue;
                if (PatternProblem(pattern) is { } problem) Error("permalinks", $"permalink pattern '{pattern}' for {section}: the path {problem}");
                else result[section] = pattern;
            }
            return result.ToImmutable();
        }

        /// <summary>Hugo's <c>frontmatter</c> config: a date list that names <c>:filename</c> takes the date from the file name
        /// (first in the list: over the front matter's), and the rest of the name is the slug.</summary>
        private FileNameDate HugoFileNameDate()
        {
            var lists = (Get(Map.Values, "frontmatter") as IReadOnlyDictionary<string, object?>)?.Values.OfType<IEnumerable<object?>>().Select(l => l.ToList()) ?? [];
            var at = lists.Select(l => l.IndexOf(":filename")).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
            return at < 0 ? FileNameDate.Ignored : at == 0 ? FileNameDate.Preferred : FileNameDate.Fallback;
        }

        /// <summary>Jekyll's <c>permalink</c>: a named style (date, pretty, ordinal, weekdate, none) or a pattern; "date" when unset.</summary>
        private string? ReadJekyllPermalink()
        {
            var value = Text("permalink") ?? "date";
            var pattern = value switch
            {
                "date" => "/:categories/:year/:month/:day/:title:output_ext",
                "pretty" => "/:categories/:year/:month/:day/:title/",
                "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
                "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext",
                "none" => "/:categories/:title:output_ext",
                _ => value,
            };
            if (PatternProblem(pattern) is { } problem) { Error("permalink", $"permalink '{value}': the path {problem}"); return "/:categories/:year/:month/:day/:title:output_ext"; }
            return pattern;
        }

        /// <summary>Why a pattern's paths would not be inside the output, its tokens aside (each page's slug is checked with its page).</summary>
        private static string? PatternProblem(string pattern)
        {
            var sample = PermalinkTokens.Replace(pattern, _ => "x");
            // As the model normalises a URL: empty and '.' segments go.
            var path = string.Join('/', sample.Trim().Split('/').Where(s => s is not ("" or ".")));
            return OutputPath.Problem(path.Length == 0 ? "index.html" : path);
        }

        private ImmutableDictionary<string, string> ReadMacros()
        {
            var macros = Get(Get(Map.Values, "math"), "macros") ?? Get(Map.Values, "math_macros");
            if (macros is null) return ImmutableDictionary<string, string>.Empty;
            if (macros is not IReadOnlyDictionary<string, object?> map) { Error("math", "math.macros maps a name to its TeX"); return ImmutableDictionary<string, string>.Empty; }
            var result = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            foreach (var (name, tex) in map)
            {
                // "\\RR" and "RR" name the same macro.
                if (!result.TryAdd(name.TrimStart('\\'), Convert.ToString(tex, CultureInfo.InvariantCulture) ?? ""))
                    Error("math", $"math macro '{name.TrimStart('\\')}' is defined twice");
            }
            return result.ToImmutable();
        }

        /// <summary>
        /// site.yaml: <c>math: { escapes: true }</c>. Hugo: Goldmark's passthrough (math kept raw) or, without it, math that
        /// MathJax read after Goldmark, site-wide by params.math/mathjax/katex or per page by the same front matter.
        /// Jekyll: kramdown's math unless <c>markdown:</c> names another converter; Markdown's escapes apply outside its $$.
        /// </summary>
        private MathSyntax ReadMathSyntax()
        {
            var setting = Get(Get(Map.Values, "math"), "escapes") as bool?;
            if (IsJekyll)
                return new MathSyntax(Kramdown: (Text("markdown") ?? "kramdown").Equals("kramdown", StringComparison.OrdinalIgnoreCase), Escapes: setting ?? true);
            if (!IsHugo) return new MathSyntax(Escapes: setting ?? false);
            var passthrough = Get(Get(Get(Get(Map.Values, "markup"), "goldmark"), "extensions"), "passthrough");
            if (Get(passthrough, "enable") is true) return new MathSyntax(Escapes: setting ?? false);
            var site = (string[])["math", "mathjax", "katex"];
            var flagged = site.Any(key => Truthy(Get(Params, key)));
            return new MathSyntax(Escapes: setting ?? flagged, PageFlags: setting is null, LayoutsDecide: setting is null && !flagged);
        }

        private HighlightSettings ReadHighlight()
        {
            var map = Get(Map.Values, "highlight");
            var defaults = new HighlightSettings();
            return new HighlightSettings
            {
                LineNumbers = Get(map, "line_numbers") as bool? ?? defaults.LineNumbers,
                CopyButton = Get(map, "copy_button") as bool? ?? defaults.CopyButton,
            };
        }

        /// <summary><c>comments: true|false</c>, or a map of <see cref="CommentSettings"/> (enabled unless it says <c>enabled: false</c>).</summary>
        private CommentSettings ReadComments()
        {
            var value = Get(Map.Values, "comments");
            var defaults = new CommentSettings();
            if (value is null) return defaults;
            if (value is bool on) return defaults with { Enabled = on };
            if (value is not IReadOnlyDictionary<string, object?> map) { Error("comments", "comments must be true, false or a map of settings"); return defaults; }
            var moderation = Str(Get(map, "moderation")) ?? "first";
            if (!Enum.TryParse<Moderation>(moderation, ignoreCase: true, out var mode) || int.TryParse(moderation, out _))
            {
                Error("comments", $"comments.moderation must be all, first or none; got '{moderation}'");
                mode = defaults.Moderation;
            }
            int Bounded(string key, int fallback, int min)
            {
                var number = Int(Get(map, key), "comments");
                if (number is null) return fallback;
                if (number >= min) return number.Value;
                Error("comments", $"comments.{key} must be at least {min}");
                return fallback;
            }
            var closeAfter = Get(map, "close_after") is null ? (int?)null : Bounded("close_after", 0, 1);
            return new CommentSettings
            {
                Enabled = Get(map, "enabled") as bool? ?? true,
                Moderation = mode,
                CloseAfterDays = closeAfter is 0 ? null : closeAfter,
                Database = Str(Get(map, "database")) is { Length: > 0 } database && SafeDatabase(database) ? database : defaults.Database,
                Notify = Str(Get(map, "notify")) ?? "",
                BlockedWords = Words(Get(map, "blocked_words")),
                BlockedDomains = Words(Get(map, "blocked_domains")),
                MaxLinks = Bounded("max_links", defaults.MaxLinks, 0),
                MaxLength = Bounded("max_length", defaults.MaxLength, 1),
                MinSeconds = Bounded("min_seconds", defaults.MinSeconds, 0),
                PerIpPer10Minutes = Bounded("per_ip", defaults.PerIpPer10Minutes, 1),
                PerEmailPer10Minutes = Bounded("per_email", defaults.PerEmailPer10Minutes, 1),
                Server = ReadCommentServer(Str(Get(map, "server")) ?? ""),
            };
        }

        /// <summary>comments.server: an http(s) origin, since the theme puts it into the page's policy and the form's action.</summary>
        private string ReadCommentServer(string server)
        {
            if (server.Length == 0) return "";
            if (Uri.TryCreate(server, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.UserInfo.Length == 0
                && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && !server.Contains('\\') && !server.Any(char.IsWhiteSpace))
                return uri.GetLeftPart(UriPartial.Authority);
            Error("comments", $"comments.server must be the address of the Lemma server that takes the comments, such as https://comments.example.org; got '{server}'");
            return "";
        }

        /// <summary>
        /// The comment database holds readers' emails and the site's secret, so it must never be published: a relative
        /// path needs a folder that is not one the site is published from (content, static, public, layouts, assets),
        /// since files at the root of some sites are published as they are. An absolute path is the writer's choice.
        /// </summary>
        private bool SafeDatabase(string path)
        {
            if (CommentSettings.IsConnectionString(path))
            {
                // site.yaml is usually in git: the password comes from where PostgreSQL's own tools read it.
                if (!path.Split(';').Any(part => part.Split('=')[0].Trim().ToLowerInvariant() is "password" or "pwd")) return true;
                Error("comments", "comments.database must not hold a password (site.yaml is usually in git): set PGPASSWORD or use ~/.pgpass");
                return false;
            }
            if (System.IO.Path.IsPathFullyQualified(path)) return true;
            var parts = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && !parts.Contains("..") && !parts.Contains(".")
                && parts[0] is not ("content" or "static" or "public" or "layouts" or "assets"))
                return true;
            Error("comments", $"comments.database '{path}' would be published with the site: keep it in a folder such as data/ (the default, data/comments.db)");
            return false;
        }

        private ImmutableArray<string> Words(object? value) => value switch
        {
            null => [],
            string one => [one],
            IEnumerable<object?> list => [.. list.Select(Str).OfType<string>().Where(w => w.Trim().Length > 0).Select(w => w.Trim())],
            _ => Fail<ImmutableArray<string>>("comments", "comments blocklists are lists of words or domains", []),
        };

        /// <summary>
        /// <c>csp: { embeds: [youtube, codepen], frame-src: [https://…], script-src: [https://…], … }</c>: hosts the site's
        /// pages may load from. Each source is one https origin (a path and a leading <c>*.</c> allowed) and nothing
        /// else, so no value can add a keyword ('unsafe-inline') or a directive of its own.
        /// </summary>
        private ImmutableDictionary<string, ImmutableArray<string>> ReadPolicySources()
        {
            if (Get(Map.Values, "csp") is not { } value) return ImmutableDictionary<string, ImmutableArray<string>>.Empty;
            if (value is not IReadOnlyDictionary<string, object?> map) { Error("csp", "csp must be a map: embeds, frame-src, script-src, …"); return ImmutableDictionary<string, ImmutableArray<string>>.Empty; }
            var sources = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            void Add(string directive, string source)
            {
                if (!sources.TryGetValue(directive, out var list)) sources[directive] = list = [];
                if (!list.Contains(source)) list.Add(source);
            }
            IEnumerable<string> Items(string key) => Get(map, key) switch
            {
                string one => [one],
                IEnumerable<object?> many => many.Select(o => o?.ToString() ?? ""),
                _ => Fail(key),
            };
            IEnumerable<string> Fail(string key) { Error("csp", $"csp.{key} must be a list"); return []; }
            foreach (var key in map.Keys)
            {
                if (key == "embeds")
                {
                    foreach (var name in Items(key))
                        if (Lemma.Output.ContentSecurityPolicy.Embeds.TryGetValue(name.ToLowerInvariant(), out var hosts)) foreach (var host in hosts) Add("frame-src", host);
                        else Error("csp", $"csp.embeds: unknown embed '{name}'; known: {string.Join(", ", Lemma.Output.ContentSecurityPolicy.Embeds.Keys.Order())} (or list its host under frame-src)");
                }
                else if (Lemma.Output.ContentSecurityPolicy.Extensible.Contains(key))
                {
                    foreach (var source in Items(key))
                        if (PolicySourcePattern().IsMatch(source)) Add(key, source);
                        else Error("csp", $"csp.{key}: '{source}' must be one https origin, such as https://example.org or https://*.example.org/path/");
                }
                else Error("csp", $"csp.{key} is not a directive a site may add to; use embeds or one of {string.Join(", ", Lemma.Output.ContentSecurityPolicy.Extensible)}");
            }
            return sources.ToImmutableDictionary(kv => kv.Key, kv => kv.Value.ToImmutableArray(), StringComparer.Ordinal);
        }

        /// <summary><c>newsletter: true|false</c>, or a map of <see cref="NewsletterSettings"/> (enabled unless it says <c>enabled: false</c>).</summary>
        private NewsletterSettings ReadNewsletter()
        {
            var value = Get(Map.Values, "newsletter");
            var defaults = new NewsletterSettings();
            if (value is null) return defaults;
            if (value is bool on) return defaults with { Enabled = on };
            if (value is not IReadOnlyDictionary<string, object?> map) { Error("newsletter", "newsletter must be true, false or a map of settings"); return defaults; }
            var name = Str(Get(map, "name")) ?? "";
            if (name.Any(char.IsControl)) { Error("newsletter", "newsletter.name must be one line"); name = ""; }
            int Bounded(string key, int fallback, int least = 1)
            {
                var value = Get(map, key);
                if (value is null) return fallback;
                if (ToInt(value) is not { } number) { Error("newsletter", $"newsletter.{key} must be a whole number"); return fallback; }
                if (number >= least) return number;
                Error("newsletter", $"newsletter.{key} must be at least {least}");
                return fallback;
            }
            return new NewsletterSettings
            {
                Enabled = Get(map, "enabled") as bool? ?? true,
                Name = name.Trim(),
                PerIpPer10Minutes = Bounded("per_ip", defaults.PerIpPer10Minutes),
                MailEveryHours = Bounded("mail_every_hours", defaults.MailEveryHours),
                Concurrency = Bounded("concurrency", defaults.Concurrency),
                Rate = Bounded("rate", defaults.Rate, least: 0),
                BounceAfter = Bounded("bounce_after", defaults.BounceAfter),
            };
        }

        /// <summary><c>smtp: { host, port, user, tls, from }</c>; a password here is an error, since site.yaml is usually in git.</summary>
        private SmtpSettings ReadSmtp()
        {
            if (Get(Map.Values, "smtp") is not IReadOnlyDictionary<string, object?> map) return new SmtpSettings();
            if (Get(map, "password") is not null) Error("smtp", "smtp.password does not belong in the config (it is usually in git): set LEMMA_SMTP_PASSWORD");
            return new SmtpSettings
            {
                Host = Str(Get(map, "host")) ?? "",
                Port = Int(Get(map, "port"), "smtp") ?? 0,
                User = Str(Get(map, "user")) ?? Str(Get(map, "username")) ?? "",
                Tls = Get(map, "tls") as bool? ?? false,
                From = Str(Get(map, "from")) ?? "",
                Dkim = ReadDkim(Get(map, "dkim")),
            };
        }

        /// <summary><c>smtp.dkim: { domain, selector, key_file }</c>. The key itself is read when the server starts (it may
        /// come from LEMMA_DKIM_KEY instead), but a key file the site would publish is refused here.</summary>
        private DkimSettings? ReadDkim(object? value)
        {
            if (value is null) return null;
            var line = NestedLine("smtp", "dkim");
            void DkimError(string message) => Diagnostics.Add(Diagnostic.Error(new SourceSpan(Path, line, 1), message));
            if (value is not IReadOnlyDictionary<string, object?> map)
            {
                DkimError("smtp.dkim must be a map: { domain: example.org, selector: lemma, key_file: path/to/private.pem }");
                return null;
            }
            var domain = (Str(Get(map, "domain")) ?? "").Trim();
            var selector = (Str(Get(map, "selector")) ?? "").Trim();
            var keyFile = (Str(Get(map, "key_file")) ?? "").Trim();
            var ok = true;
            // Both go into a DNS name (selector._domainkey.domain) and a header: letters, digits, dots and hyphens only.
            if (!DnsName(domain)) { DkimError($"smtp.dkim.domain must be the domain that signs, such as example.org; got '{domain}'"); ok = false; }
            if (!DnsName(selector)) { DkimError($"smtp.dkim.selector must be a DNS label such as lemma or mail2024; got '{selector}'"); ok = false; }
            if (keyFile.Length > 0 && !SafeKeyFile(keyFile))
            {
                DkimError($"smtp.dkim.key_file '{keyFile}' would be published with the site: keep the private key in a folder such as data/ or outside the site, or in LEMMA_DKIM_KEY");
                ok = false;
            }
            return ok ? new DkimSettings(domain, selector, keyFile.Length > 0 ? System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, keyFile)) : "", $"{Path}:{line}") : null;
        }

        private static bool DnsName(string name) =>
            name.Length is > 0 and < 254 && name.Split('.').All(label => label.Length is > 0 and < 64 && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));

        // As for the database: a relative path must lead outside the site or into a folder no site publishes.
        private static bool SafeKeyFile(string path)
        {
            if (System.IO.Path.IsPathFullyQualified(path)) return true;
            var parts = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && parts[0] == "..") return true;
            return parts.Length >= 2 && !parts.Contains("..") && !parts.Contains(".") && !parts[0].StartsWith('_')
                && parts[0] is not ("content" or "static" or "public" or "layouts" or "assets");
        }

        /// <summary>The line of <paramref name="key"/> inside the top-level block <paramref name="block"/> (the block's own line
        /// when the key is not on a line of its own), for errors about nested settings.</summary>
        private int NestedLine(string block, string key)
        {
            var start = Map.KeyLines.FirstOrDefault(kv => Normalize(kv.Key) == Normalize(block)).Value;
            if (start == 0) return 1;
            var lines = Source.Split('\n');
            for (var i = start - 1; i < lines.Length; i++)
            {
                if (i > start - 1 && lines[i].Length > 0 && !char.IsWhiteSpace(lines[i][0]) && lines[i][0] != '#') break;
                if (lines[i].TrimStart().StartsWith(key, StringComparison.Ordinal) || lines[i].Contains(key + ":", StringComparison.Ordinal)) return i + 1;
            }
            return start;
        }

        private T Fail<T>(string key, string message, T fallback)
        {
            Error(key, message);
            return fallback;
        }

        /// <summary>
        /// A link the theme writes into every page as it is: http(s), mailto, tel, a relative path or a fragment. A
        /// script URL (javascript:, vbscript:, data:) would run in every reader's browser, so it is an error at its line.
        /// </summary>
        private string? SafeUrl(string key, string url)
        {
            if (url.Length == 0) return url;
            // Browsers drop control characters and whitespace inside a scheme ("java\tscript:"); so does this check.
            var bare = new string([.. url.Where(c => c > ' ')]);
            var colon = bare.IndexOf(':');
            var slash = bare.IndexOfAny(['/', '?', '#']);
            if (colon < 0 || (slash >= 0 && slash < colon)) return url;
            var scheme = bare[..colon].ToLowerInvariant();
            if (scheme is "http" or "https" or "mailto" or "tel") return url;
            Diagnostics.Add(Diagnostic.Error(new SourceSpan(Path, LineOf(key, url), 1),
                $"{key}: '{url}' is not a link the site may show (use http, https, mailto, tel, a relative path or #fragment)"));
            return null;
        }

        /// <summary>The first line at or after <paramref name="key"/>'s that holds <paramref name="value"/>: nested values have no recorded line.</summary>
        private int LineOf(string key, string value)
        {
            var from = Map.KeyLines.FirstOrDefault(kv => Normalize(kv.Key) == Normalize(key)).Value;
            var lines = Source.Split('\n');
            // A value with an escaped character ("java\tscript:") is not written as it reads: look for its longest plain run.
            var controls = value.Where(char.IsControl).Distinct().ToArray();
            var plain = controls.Length == 0 ? value : value.Split(controls).MaxBy(part => part.Length)!;
            for (var i = System.Math.Max(0, from - 1); i < lines.Length; i++)
                if (plain.Length > 0 && lines[i].Contains(plain, StringComparison.Ordinal)) return i + 1;
            return from == 0 ? 1 : from;
        }

        private string? Text(string key)
        {
            var value = Get(Map.Values, key);
            if (value is null or string) return (string?)value;
            if (value is long or double or bool) return Convert.ToString(value, CultureInfo.InvariantCulture);
            Error(key, $"{key} must be text");
            return null;
        }

        private int? Int(string key) => Int(Get(Map.Values, key), key);

        private int? Int(object? value, string key)
        {
            if (value is null) return null;
            if (ToInt(value) is { } i) return i;
            Error(key, $"{key} must be a whole number");
            return null;
        }

        private static int? ToInt(object? value) => value switch
        {
            long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
            string s when int.TryParse(s, CultureInfo.InvariantCulture, out var i) => i,
            _ => null,
        };

        private void Error(string key, string message)
        {
            var line = Map.KeyLines.FirstOrDefault(kv => Normalize(kv.Key) == Normalize(key)).Value;
            Diagnostics.Add(Diagnostic.Error(new SourceSpan(Path, line == 0 ? 1 : line, 1), message));
        }
    }

    /// <summary>A flag as front matter and params write it: true, a non-empty word (mathjax: "v3"), or a map not disabled.</summary>
    public static bool Truthy(object? value) => value is true || value is string s && s.Length > 0 && s is not ("false" or "0")
        || value is IReadOnlyDictionary<string, object?> { Count: > 0 } && Get(value, "enable") is not false;

    private static string? Str(object? value) => value switch
    {
        null => null,
        string s => s,
        long or double or bool => Convert.ToString(value, CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>A key lookup that ignores case, '_' and '-': base_url = baseURL = baseurl.</summary>
    internal static object? Get(object? map, string key)
    {
        if (map is not IReadOnlyDictionary<string, object?> dict) return null;
        if (dict.TryGetValue(key, out var exact)) return exact;
        var wanted = Normalize(key);
        foreach (var (k, v) in dict)
            if (Normalize(k) == wanted) return v;
        return null;
    }

    private static string Normalize(string key) => key.Replace("_", "").Replace("-", "").ToLowerInvariant();

    // One https origin: a host (a leading "*." allowed), a port, a path; no quote, space or semicolon.
    [System.Text.RegularExpressions.GeneratedRegex(@"^https://(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?$")]
    private static partial System.Text.RegularExpressions.Regex PolicySourcePattern();
}
