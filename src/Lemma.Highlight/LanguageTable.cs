using Lemma.Highlight.Lexers;
using Lemma.Highlight.Lexing;

namespace Lemma.Highlight;

internal sealed record LanguageInfo(string Name, string[] Aliases, string? TextMateId, ILexer? Lexer, bool IsPlain = false, bool ConsoleHybrid = false);

/// <summary>The languages understood, their aliases, their TextMate grammar and their hand lexer if any.</summary>
internal static class LanguageTable
{
    private static readonly LanguageInfo[] All =
    [
        new("python", ["py", "python3", "py3", "python2", "py2", "ipython", "ipython3", "ipython2"], "python", PythonLexer.Instance),
        new("bash", ["sh", "shell", "zsh", "shellscript", "ksh"], "shellscript", ShellLexer.Instance),
        new("console", ["shell-session", "sh-session", "shellsession", "terminal"], null, ConsoleLexer.Instance, ConsoleHybrid: true),
        new("json", ["jsonc", "json5"], "jsonc", JsonLexer.Instance),
        new("yaml", ["yml"], "yaml", YamlLexer.Instance),
        new("toml", [], null, TomlLexer.Instance),
        new("c", ["h"], "c", CppLexer.C),
        new("cpp", ["c++", "cc", "hpp", "cxx", "hh"], "cpp", CppLexer.Cpp),
        new("cuda", ["cu", "cuh"], "cuda-cpp", CppLexer.Cuda),
        new("rust", ["rs"], "rust", RustLexer.Instance),
        new("go", ["golang"], "go", null),
        new("java", [], "java", null),
        new("javascript", ["js", "mjs", "cjs", "node"], "javascript", null),
        new("typescript", ["ts", "mts", "cts"], "typescript", null),
        new("csharp", ["cs", "c#"], "csharp", null),
        new("sql", ["postgresql", "postgres", "mysql", "sqlite", "psql"], "sql", SqlLexer.Instance),
        new("r", [], "r", null),
        new("julia", ["jl"], "julia", null),
        new("html", ["htm", "xhtml"], "html", null),
        new("xml", ["svg", "xsd", "rss", "atom"], "xml", null),
        new("css", [], "css", null),
        new("dockerfile", ["docker", "containerfile"], "dockerfile", null),
        new("makefile", ["make", "mk"], "makefile", null),
        new("diff", ["patch", "udiff"], "diff", DiffLexer.Instance),
        new("latex", ["tex"], "latex", null),
        new("markdown", ["md"], "markdown", null),
        // The long tail: VS Code's grammars as TextMateSharp.Grammars ships them; aliases as linguist, Chroma and Pygments name them.
        new("ruby", ["rb", "jruby", "macruby", "rake", "rbx", "gemspec", "podspec"], "ruby", null),
        new("php", ["php3", "php4", "php5", "php7", "php8", "phtml"], "php", null),
        new("lua", ["luau"], "lua", null),
        new("powershell", ["pwsh", "posh", "ps1", "psm1", "psd1"], "powershell", null),
        new("ini", ["cfg", "dosini", "editorconfig", "gitconfig", "desktop", "systemd"], "ini", null),
        new("properties", ["java-properties", "jproperties"], "properties", null),
        new("perl", ["pl", "pm", "perl5", "cperl"], "perl", null),
        new("raku", ["perl6", "p6", "pl6", "pm6", "rakumod"], "perl6", null),
        new("dart", [], "dart", null),
        new("fsharp", ["f#", "fs", "fsx", "fsi"], "fsharp", null),
        new("clojure", ["clj", "cljs", "cljc", "edn", "clojurescript"], "clojure", null),
        new("coffeescript", ["coffee", "coffee-script"], "coffeescript", null),
        new("groovy", ["gradle", "jenkinsfile", "nextflow", "nf"], "groovy", null),
        new("objective-c", ["objectivec", "obj-c", "objc"], "objective-c", null),
        new("objective-c++", ["objectivec++", "obj-c++", "objc++", "objcpp", "objective-cpp", "mm"], "objective-cpp", null),
        new("scss", [], "scss", null),
        new("less", ["less-css"], "less", null),
        new("vbnet", ["vb", "vb.net", "visualbasic", "visual-basic", "vba", "vbscript", "vbs"], "vb", null),
        new("batch", ["bat", "cmd", "batchfile", "dosbatch", "winbatch"], "bat", null),
        new("pascal", ["delphi", "objectpascal", "pas", "freepascal", "lazarus"], "pascal", null),
        new("hlsl", ["fx", "cginc"], "hlsl", null),
        new("shaderlab", ["unity-shader"], "shaderlab", null),
        new("asm", ["nasm", "x86asm", "assembly", "x86", "x86-64", "yasm"], "x86asm", null),
        new("handlebars", ["hbs", "htmlbars", "mustache"], "handlebars", null),
        new("pug", ["jade"], "jade", null),
        new("razor", ["cshtml", "blazor"], "razor", null),
        new("asciidoc", ["adoc", "asciidoctor"], "asciidoc", null),
        new("bibtex", ["bib"], "bibtex", null),
        new("typst", ["typ"], "typst", null),
        new("gitignore", ["ignore", "dockerignore", "npmignore", "hgignore"], "ignore", null),
        new("log", ["logs", "logfile"], "log", null),
        new("jsx", [], "javascriptreact", null),
        new("tsx", [], "typescriptreact", null),
        new("xslt", ["xsl"], "xsl", null),
        // No grammar in TextMateSharp.Grammars (Swift's leaves type bodies plain): a word-list lexer.
        new("swift", [], null, Lexicons.Swift),
        new("kotlin", ["kt", "kts"], null, Lexicons.Kotlin),
        new("scala", ["sc", "sbt"], null, Lexicons.Scala),
        new("haskell", ["hs", "lhs"], null, Lexicons.Haskell),
        new("ocaml", ["ml", "mli"], null, Lexicons.OCaml),
        new("zig", [], null, Lexicons.Zig),
        new("nix", ["nixos"], null, Lexicons.Nix),
        new("graphql", ["gql", "graphqls"], null, Lexicons.GraphQL),
        new("protobuf", ["proto", "proto3"], null, Lexicons.Protobuf),
        new("matlab", ["octave"], null, Lexicons.Matlab),
        new("text", ["plain", "plaintext", "txt", "none"], null, null, IsPlain: true),
    ];

    private static readonly Dictionary<string, LanguageInfo> ByAlias = Build();

    public static readonly IReadOnlyCollection<string> Names = All.Select(l => l.Name).ToArray();

    public static readonly IReadOnlyCollection<string> AllAliases = ByAlias.Keys.Order(StringComparer.Ordinal).ToArray();

    private static Dictionary<string, LanguageInfo> Build()
    {
        var map = new Dictionary<string, LanguageInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var l in All)
        {
            map[l.Name] = l;
            foreach (var a in l.Aliases) map[a] = l;
        }
        return map;
    }

    public static LanguageInfo? Find(string? language)
    {
        if (string.IsNullOrWhiteSpace(language)) return null;
        return ByAlias.GetValueOrDefault(language.Trim());
    }
}
