using System.Runtime.CompilerServices;

namespace Lemma.Highlight.Bench;

/// <summary>Representative sources: the golden files of the test project (hard cases of each hand-lexed language).</summary>
internal static class Samples
{
    public static readonly (string Language, string File)[] Files =
    [
        ("python", "python.py"), ("bash", "bash.sh"), ("console", "console.console"), ("json", "json.json"),
        ("yaml", "yaml.yaml"), ("toml", "toml.toml"), ("cpp", "cpp.cpp"), ("cuda", "cuda.cu"), ("rust", "rust.rs"),
        ("sql", "sql.sql"), ("diff", "diff.diff"),
    ];

    public static string Directory([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "tests", "Lemma.Highlight.Tests", "golden"));

    public static string Read(string language) =>
        File.ReadAllText(Path.Combine(Directory(), Files.First(f => f.Language == language).File)).Replace("\r\n", "\n");
}
