using Lemma.Build;
using Lemma.Server.Hosting;

namespace Lemma.Server.Tests;

/// <summary>
/// A rebuild that reuses the previous build's work gives exactly the bytes of a full build of the same files,
/// after any sequence of edits, creations, renames and deletions.
/// </summary>
public sealed class IncrementalTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("lemma-incremental-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private void Write(string path, string text)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private static string Post(string title, int day, string tags, string body) =>
        $"---\ntitle: \"{title}\"\ndate: 2024-03-{day:00}\ntags: [{tags}]\nseries: {(day % 3 == 0 ? "Loops" : "Other")}\n---\n\n{body}\n";

    private static readonly string[] Tags = ["python", "math", "cuda", "rust", "notes"];
    private static readonly string[] Bodies =
    [
        "Plain text with a [link](/posts/p1/).",
        "Math $e^{i\\pi} + 1 = 0$ and more.\n\n$$\n\\sum_{i=1}^n i = \\frac{n(n+1)}{2}\n$$",
        "```python\ndef f(x: int) -> int:\n    return x + 1\n```",
        "A table:\n\n| a | b |\n|---|---|\n| 1 | 2 |",
        "Footnote.[^1]\n\n[^1]: Note.",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_edits_give_the_bytes_of_a_full_build(int seed)
    {
        var random = new Random(seed);
        Write("site.yaml", "title: Incremental\nbase_url: https://example.org/\npage_size: 3\n");
        Write("data/recommendations.yaml", "- { kind: Book, title: SICP, link: https://example.org/sicp }\n");
        var posts = new List<string>();
        for (var i = 1; i <= 6; i++)
        {
            posts.Add($"p{i}");
            Write($"content/posts/p{i}.md", Post($"Post {i}", i, Tags[i % Tags.Length], Bodies[i % Bodies.Length]));
        }
        var host = new SiteHost(new ServerOptions { Source = root, Port = 0 });
        host.Rebuild();
        var next = 7;

        for (var step = 0; step < 12; step++)
        {
            var op = random.Next(6);
            var target = posts[random.Next(posts.Count)];
            switch (op)
            {
                case 0: // edit a body
                    Write($"content/posts/{target}.md", Post($"Post {target}", random.Next(1, 28), Tags[random.Next(Tags.Length)], Bodies[random.Next(Bodies.Length)]));
                    break;
                case 1: // retitle and retag
                    Write($"content/posts/{target}.md", Post($"Renamed {step}", random.Next(1, 28), string.Join(", ", Tags.Take(random.Next(1, 4))), Bodies[random.Next(Bodies.Length)]));
                    break;
                case 2: // create
                    var name = $"p{next++}";
                    posts.Add(name);
                    Write($"content/posts/{name}.md", Post($"Post {name}", random.Next(1, 28), Tags[random.Next(Tags.Length)], Bodies[random.Next(Bodies.Length)]));
                    break;
                case 3 when posts.Count > 2: // delete (p1 stays: other posts link to it)
                    if (target == "p1") goto default;
                    File.Delete(Path.Combine(root, $"content/posts/{target}.md"));
                    posts.Remove(target);
                    break;
                case 4 when target != "p1": // rename
                    var renamed = $"p{next++}";
                    File.Move(Path.Combine(root, $"content/posts/{target}.md"), Path.Combine(root, $"content/posts/{renamed}.md"));
                    posts[posts.IndexOf(target)] = renamed;
                    break;
                default: // data and config
                    Write("data/recommendations.yaml", $"- {{ kind: Book, title: Book {step}, link: https://example.org/{step} }}\n");
                    Write("site.yaml", $"title: Incremental {step % 2}\nbase_url: https://example.org/\npage_size: {2 + step % 3}\n");
                    break;
            }

            host.Rebuild();
            var full = SiteBuilder.Run(host.BuildOptions());
            Assert.True(full.Succeeded, string.Join("\n", full.Diagnostics));
            var expected = full.Files.ToDictionary(f => f.Path, f => f.Bytes ?? File.ReadAllBytes(f.CopyFrom!));
            var actual = host.Current.Files;
            Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
            foreach (var (path, bytes) in expected)
                Assert.True(bytes.AsSpan().SequenceEqual(actual[path].Bytes), $"step {step} (op {op}): {path} differs from a full build");
        }
        Assert.True(host.ReusedPages > 0, "the cache was never used");
    }
}
