using Lemma.Build;
using Lemma.Model;

namespace Lemma.Tests.Build;

/// <summary>Under `lemma serve` time passes with no file changing: a rebuild publishes and withdraws pages as their
/// dates come, exactly as a full build at that moment does.</summary>
public sealed class RebuildClockTests : IDisposable
{
    private readonly string site = Directory.CreateTempSubdirectory("lemma-clock-").FullName;

    public void Dispose() => Directory.Delete(site, recursive: true);

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(site, path))!);
        File.WriteAllText(Path.Combine(site, path), text);
    }

    [Fact]
    public void A_rebuild_publishes_a_post_when_its_date_comes_and_withdraws_one_when_it_expires()
    {
        Write("site.yaml", "title: T\nbase_url: https://example.org/\n");
        Write("content/posts/now.md", "---\ntitle: Now\ndate: 2030-01-01\n---\nBody\n");
        Write("content/posts/later.md", "---\ntitle: Later\ndate: 2030-06-01\n---\nBody\n");
        Write("content/posts/brief.md", "---\ntitle: Brief\ndate: 2030-01-01\nexpiryDate: 2030-03-01\n---\nBody\n");
        var store = new BuildStore();
        foreach (var (moment, published) in new (string, string[])[]
        {
            ("2030-02-01", ["Brief", "Now"]),
            ("2030-02-15", ["Brief", "Now"]),
            ("2030-03-01", ["Now"]),
            ("2030-07-01", ["Later", "Now"]),
            ("2029-12-31", []),
        })
        {
            var options = new BuildOptions { Source = site, Output = Path.Combine(site, "public"), Emit = false, Clock = new Clock(DateTimeOffset.Parse(moment + "T00:00:00Z")) };
            var rebuilt = SiteBuilder.Run(options, store: store);
            var full = SiteBuilder.Run(options);
            Assert.Equal(published, rebuilt.Site.Posts.Select(p => p.Title).Order());
            Assert.Equal(full.Files.Select(f => (f.Path, Convert.ToHexString(f.Bytes ?? []))), rebuilt.Files.Select(f => (f.Path, Convert.ToHexString(f.Bytes ?? []))));
        }
    }
}
