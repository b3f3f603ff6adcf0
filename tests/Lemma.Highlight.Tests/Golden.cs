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
    };

    public static string Directory([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "golden");

    /// <summary>(language, source path) of every golden source.</summary>
    public static IEnumerable<(string Language, string Path)> Sources() =>
        System.IO.Directory.GetFiles(Directory())
            .Where(p => LanguageByExtension.ContainsKey(System.IO.Path.GetExtension(p)))
            .Order(StringComparer.Ordinal)
            .Select(p => (LanguageByExtension[System.IO.Path.GetExtension(p)], p));

    public static string Read(string path) => File.ReadAllText(path).Replace("\r\n", "\n");
}
