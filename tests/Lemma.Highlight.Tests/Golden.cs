using System.Runtime.CompilerServices;

namespace Lemma.Highlight.Tests;

/// <summary>The golden sources: tests/Lemma.Highlight.Tests/golden/&lt;lang&gt;.&lt;ext&gt;, each with an expected .html beside it.</summary>
internal static class Golden
{
    public static readonly IReadOnlyDictionary<string, string> LanguageByExtension = new Dictionary<string, string>
    {
        [".py"] = "python", [".sh"] = "bash", [".console"] = "console", [".json"] = "json", [".yaml"] = "yaml",
        [".toml"] = "toml", [".c"] = "c", [".cpp"] = "cpp", [".cu"] = "cuda", [".rs"] = "rust", [".sql"] = "sql",
        [".diff"] = "diff",
        // TextMate grammars
        [".rb"] = "ruby", [".php"] = "php", [".lua"] = "lua", [".ps1"] = "powershell", [".ini"] = "ini",
        [".properties"] = "properties", [".pl"] = "perl", [".raku"] = "raku", [".dart"] = "dart", [".fs"] = "fsharp",
        [".clj"] = "clojure", [".coffee"] = "coffeescript", [".groovy"] = "groovy", [".m"] = "objective-c",
        [".mm"] = "objective-c++", [".scss"] = "scss", [".less"] = "less", [".vb"] = "vbnet", [".bat"] = "batch",
        [".pas"] = "pascal", [".hlsl"] = "hlsl", [".shader"] = "shaderlab", [".asm"] = "asm", [".hbs"] = "handlebars",
        [".pug"] = "pug", [".cshtml"] = "razor", [".adoc"] = "asciidoc", [".bib"] = "bibtex", [".typ"] = "typst",
        [".gitignore"] = "gitignore", [".log"] = "log", [".jsx"] = "jsx", [".tsx"] = "tsx", [".xsl"] = "xslt",
        // word-list lexers
        [".swift"] = "swift", [".kt"] = "kotlin", [".scala"] = "scala", [".hs"] = "haskell", [".ml"] = "ocaml", [".zig"] = "zig",
        [".nix"] = "nix", [".graphql"] = "graphql", [".proto"] = "protobuf", [".matlab"] = "matlab",
    };

    /// <summary>
    /// The source folder (so that LEMMA_UPDATE_GOLDEN=1 rewrites the checked-in files), or the copy beside the test
    /// assembly when the build mapped source paths away (deterministic CI builds).
    /// </summary>
    public static string Directory([CallerFilePath] string here = "")
    {
        var source = Path.Combine(Path.GetDirectoryName(here) ?? "", "golden");
        return System.IO.Directory.Exists(source) ? source : Path.Combine(AppContext.BaseDirectory, "golden");
    }

    /// <summary>(language, source path) of every golden source.</summary>
    public static IEnumerable<(string Language, string Path)> Sources() =>
        System.IO.Directory.GetFiles(Directory())
            .Where(p => LanguageByExtension.ContainsKey(System.IO.Path.GetExtension(p)))
            .Order(StringComparer.Ordinal)
            .Select(p => (LanguageByExtension[System.IO.Path.GetExtension(p)], p));

    public static string Read(string path) => File.ReadAllText(path).Replace("\r\n", "\n");
}
