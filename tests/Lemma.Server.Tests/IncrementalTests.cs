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

    /// <summary>What the test wrote since the last rebuild, as a watcher would report it.</summary>
    private readonly List<string> changed = [];

    private void Write(string path, string text)
    {
        changed.Add(path);
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    /// <summary>One post's front matter and body; an edit changes one of them at a time.</summary>
    private sealed record Post(string Title, int Day, string Tags, string Body, string Summary = "")
    {
        public string Text =>
            $"---\ntitle: \"{Title}\"\ndate: 2024-03-{Day:00}\ntags: [{Tags}]\n" + (Day % 5 == 0 ? "series: Loops\n" : "")
            + (Summary.Length > 0 ? $"summary: \"{Summary}\"\n" : "") + $"---\n\n{Body}\n";
    }

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
    [InlineData(4)]
    [InlineData(5)]
    public void Random_edits_give_the_bytes_of_a_full_build(int seed)
    {
        var random = new Random(seed);
        Write("site.yaml", "title: Incremental\nbase_url: https://example.org/\npage_size: 3\n");
        Write("data/recommendations.yaml", "- { kind: Book, title: SICP, link: https://example.org/sicp }\n");
        var posts = new Dictionary<string, Post>();
        void Save(string name, Post post)
        {
            posts[name] = post;
            Write($"content/posts/{name}.md", post.Text);
        }
        for (var i = 1; i <= 30; i++) Save($"p{i}", new Post($"T{i}", 1 + i % 27, Tags[i % Tags.Length], Bodies[i % Bodies.Length]));
        var host = new SiteHost(new ServerOptions { Source = root, Port = 0 });
        host.Rebuild();
        changed.Clear();
        var reusedPages = 0;
        var next = 31;

        for (var step = 0; step < 20; step++)
        {
            var op = random.Next(12);
            var names = posts.Keys.Order(StringComparer.Ordinal).ToList();
            var target = names[random.Next(names.Count)];
            var post = posts[target];
            switch (op)
            {
                case 0: // the body alone: lists that show only titles and summaries keep their output
                    if (random.Next(3) == 0)
                    {
                        // A body edit that breaks the build, then one that mends it: the errors come and go as a full build's.
                        Save(target, post with { Body = post.Body + $"\n\nA [broken link](/nowhere/{step}/)." });
                        host.Rebuild([.. changed]);
                        changed.Clear();
                        var broken = SiteBuilder.Run(host.BuildOptions());
                        Assert.False(broken.Succeeded);
                        Assert.Equal(broken.Diagnostics.Select(d => d.ToString()), host.Current.Errors.Select(d => d.ToString()));
                    }
                    Save(target, post with { Body = post.Body + $"\n\nAnother paragraph, step {step}." });
                    break;
                case 1: // the title alone: lists, related posts, series and neighbours show it
                    Save(target, post with { Title = $"R{step}" });
                    break;
                case 2: // the date alone: lists reorder, neighbours change
                    Save(target, post with { Day = random.Next(1, 28) });
                    break;
                case 3: // the tags alone: term pages gain and lose the post
                    Save(target, post with { Tags = string.Join(", ", Tags.OrderBy(_ => random.Next()).Take(random.Next(1, 4))) });
                    break;
                case 4: // the summary alone: list cards show it
                    Save(target, post with { Summary = $"Summary {step}" });
                    break;
                case 5: // create
                    Save($"p{next++}", new Post($"N{step}", random.Next(1, 28), Tags[random.Next(Tags.Length)], Bodies[random.Next(Bodies.Length)]));
                    break;
                case 6 when posts.Count > 2 && target != "p1": // delete (p1 stays: other posts link to it)
                    File.Delete(Path.Combine(root, $"content/posts/{target}.md"));
                    changed.Add($"content/posts/{target}.md");
                    posts.Remove(target);
                    break;
                case 7 when target != "p1": // rename
                    var renamed = $"p{next++}";
                    File.Move(Path.Combine(root, $"content/posts/{target}.md"), Path.Combine(root, $"content/posts/{renamed}.md"));
                    changed.AddRange([$"content/posts/{target}.md", $"content/posts/{renamed}.md"]);
                    posts.Remove(target);
                    posts[renamed] = post;
                    break;
                case 8: // a site layout overriding the theme's, then edited, then removed
                    if (File.Exists(Path.Combine(root, "layouts/term.liquid")) && random.Next(2) == 0)
                    {
                        File.Delete(Path.Combine(root, "layouts/term.liquid"));
                        changed.Add("layouts/term.liquid");
                    }
                    else
                    {
                        // Term pages that show their posts' word counts (a body member) through a partial.
                        Write("layouts/term.liquid", $"<h1>{{{{ page.title }}}} ({step})</h1>{{% for p in paginator.items %}}{{% render 'partials/words', item: p %}}{{% endfor %}}");
                        Write("layouts/partials/words.liquid", "<p>{{ item.title }}: {{ item.word_count }} words</p>");
                    }
                    break;
                case 9 when random.Next(2) == 0: // a static file
                    Write("static/notes.txt", $"Notes, step {step}.\n");
                    break;
                case 9: // the site's own stylesheet in place of the theme's: every page links its new hash
                    Write("assets/css/site.css", $"body {{ margin: {step}px; }}\n");
                    break;
                case 10: // data
                    Write("data/recommendations.yaml", $"- {{ kind: Book, title: Book {step}, link: https://example.org/{step} }}\n");
                    break;
                default: // config
                    Write("site.yaml", $"title: Incremental {step % 2}\nbase_url: https://example.org/\npage_size: {2 + step % 3}\n");
                    break;
            }

            host.Rebuild([.. changed]);
            changed.Clear();
            var full = SiteBuilder.Run(host.BuildOptions());
            Assert.True(full.Succeeded, string.Join("\n", full.Diagnostics));
            var expected = full.Files.ToDictionary(f => f.Path, f => f.Bytes ?? File.ReadAllBytes(f.CopyFrom!));
            var actual = host.Current.Files;
            Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
            foreach (var (path, bytes) in expected)
                Assert.True(bytes.AsSpan().SequenceEqual(actual[path].Bytes), $"step {step} (op {op}): {path} differs from a full build");
            reusedPages += host.ReusedPages;
        }
        Assert.True(host.ReusedContent > 0, "no page's content was ever reused");
        Assert.True(reusedPages > 0, "no rendered page was ever reused");
    }
}
