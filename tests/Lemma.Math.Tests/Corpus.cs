using System.Text.Json;

namespace Lemma.Math.Tests;

/// <summary>The KaTeX test and documentation formulas copied in corpus/ (see corpus/SOURCE.md).</summary>
public static class Corpus
{
    public sealed record Formula(string Id, string Tex, bool Display, IReadOnlyDictionary<string, string> Macros, bool ExpectError);

    static string Dir => Path.Combine(AppContext.BaseDirectory, "corpus");

    public static IReadOnlyList<Formula> Formulas { get; } = Load();

    public static IReadOnlySet<string> KatexRejects { get; } = Ids("katex-rejects.txt");

    static HashSet<string> Ids(string file) =>
        File.ReadAllLines(Path.Combine(Dir, file)).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet();

    static List<Formula> Load()
    {
        var list = new List<Formula>();
        foreach (var line in File.ReadLines(Path.Combine(Dir, "formulas.jsonl")))
        {
            if (line.Length == 0) continue;
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            var macros = new Dictionary<string, string>();
            if (r.TryGetProperty("macros", out var m))
                foreach (var p in m.EnumerateObject()) macros[p.Name.TrimStart('\\')] = p.Value.GetString() ?? "";
            list.Add(new Formula(r.GetProperty("id").GetString()!, r.GetProperty("tex").GetString()!,
                r.GetProperty("display").GetBoolean(), macros, r.TryGetProperty("expect_error", out _)));
        }
        return list;
    }

    /// <summary>Command-frequency.tsv rows: kind ("command"/"environment"), name, count.</summary>
    public static IEnumerable<(string Kind, string Name, int Count)> Frequencies() =>
        File.ReadLines(Path.Combine(Dir, "command-frequency.tsv"))
            .Where(l => !l.StartsWith('#') && !l.StartsWith("kind\t", StringComparison.Ordinal) && l.Length > 0)
            .Select(l => l.Split('\t'))
            .Select(p => (p[0], p[1], int.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture)));
}
