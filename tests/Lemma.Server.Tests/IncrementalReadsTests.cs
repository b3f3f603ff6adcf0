using Lemma.Build;
using Lemma.Server.Hosting;

namespace Lemma.Server.Tests;

/// <summary>
/// The incremental property test has teeth: a build whose store leaves one kind of read unrecorded (a dependency
/// deliberately dropped) goes stale, and comparing its rebuilds with full builds finds it.
/// </summary>
public sealed class IncrementalReadsTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("lemma-reads-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private void Write(string path, string text)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private static string Post(string title, int day, string tags, string body) =>
        $"---\ntitle: \"{title}\"\ndate: 2024-03-{day:00}\ntags: [{tags}]\n---\n\n{body}\n";

    /// <summary>Edits of a title, a body, tags and the config, each followed by a rebuild compared with a full build;
    /// the step at which a rebuild first differs, or null when none did.</summary>
    private int? FirstStaleStep(Func<string, bool>? forgets)
    {
        Write("site.yaml", "title: Reads\nbase_url: https://example.org/\npage_size: 2\n");
        for (var i = 1; i <= 6; i++) Write($"content/posts/p{i}.md", Post($"T{i}", i, i % 2 == 0 ? "a" : "b", $"Body {i} with a [link](/posts/p1/)."));
        var host = new SiteHost(new ServerOptions { Source = root, Port = 0 }, static (o, store) => SiteBuilder.Run(o, store: store), new BuildStore { Forgets = forgets });
        host.Rebuild();
        (string Path, string Text)[] edits =
        [
            ("content/posts/p3.md", Post("Retitled", 3, "b", "Body 3 with a [link](/posts/p1/).")),
            ("content/posts/p4.md", Post("T4", 4, "a", "A new body for the fourth post.")),
            ("content/posts/p5.md", Post("T5", 5, "a, c", "Body 5 with a [link](/posts/p1/).")),
            ("site.yaml", "title: Reads renamed\nbase_url: https://example.org/\npage_size: 3\n"),
        ];
        for (var step = 0; step < edits.Length; step++)
        {
            Write(edits[step].Path, edits[step].Text);
            host.Rebuild([edits[step].Path]);
            var full = SiteBuilder.Run(host.BuildOptions() with { DeferPages = false }).Files.ToDictionary(f => f.Path, f => f.Bytes ?? File.ReadAllBytes(f.CopyFrom!));
            // A file below a folder the preview left pending (the search index) is made as a browser would ask for it.
            var actual = host.Current;
            if (actual.Files.Keys.Any(path => !full.ContainsKey(path))
                || full.Any(f => actual.Find(f.Key) is not { } file || !f.Value.AsSpan().SequenceEqual(file.Bytes))) return step;
        }
        return null;
    }

    [Fact]
    public void With_every_read_recorded_no_rebuild_goes_stale() => Assert.Null(FirstStaleStep(null));

    [Theory]
    [InlineData("file")]          // a file's version: no edit is seen at all
    [InlineData("header")]        // the model no longer sees front matter edits
    [InlineData("view member")]   // templates' reads of a page's title, body...
    [InlineData("content")]       // a page's view no longer sees its body
    [InlineData("fragment")]      // a list no longer sees a post's card change
    [InlineData("config")]        // nothing sees the config
    public void A_read_left_unrecorded_makes_a_rebuild_differ_from_a_full_build(string query) =>
        Assert.NotNull(FirstStaleStep(name => name == query));
}
