namespace Lemma.Cli.Tests.Hostile;

/// <summary>The sandbox itself: it must see every change outside the output, or every hostile case would pass.</summary>
public class SandboxTests
{
    private const string Site = "-- site.yaml --\ntitle: T\nbase_url: https://example.org/\n-- content/posts/a.md --\n---\ntitle: A\n---\nBody\n";

    [Fact]
    public void A_plain_site_builds_contained()
    {
        using var sandbox = Sandbox.With(Site);
        sandbox.Build().AssertContained();
        Assert.True(File.Exists(Path.Combine(sandbox.Output, "posts/a/index.html")));
    }

    [Fact]
    public void Changed_added_and_removed_entries_outside_the_output_are_seen_and_the_output_is_not()
    {
        using var sandbox = Sandbox.With(Site);
        sandbox.Build().AssertContained();
        var before = sandbox.FingerprintOutside();
        File.WriteAllText(sandbox.Canary, "changed");
        File.Delete(Path.Combine(sandbox.Outside, "precious.txt"));
        Directory.CreateDirectory(Path.Combine(sandbox.Root, "escaped"));
        File.CreateSymbolicLink(Path.Combine(sandbox.Outside, "link"), "/etc/passwd");
        File.WriteAllText(Path.Combine(sandbox.Output, "new.html"), "inside");
        var changes = Sandbox.Diff(before, sandbox.FingerprintOutside());
        Assert.Equal(["changed canary.txt", "removed outside/precious.txt", "added escaped", "added outside/link"], changes);
    }
}
