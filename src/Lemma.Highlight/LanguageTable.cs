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
        new("javascript", ["js", "mjs", "cjs", "jsx"], "javascript", null),
        new("typescript", ["ts", "tsx"], "typescript", null),
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
