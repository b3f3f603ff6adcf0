using System.Security.Cryptography;

namespace Lemma.Cli.Tests.Hostile;

/// <summary>
/// A site that may be hostile, built by `lemma build` in a folder of its own next to canary files. The sandbox
/// is fingerprinted (every path, link target and file hash) before and after the build: nothing outside the
/// site's output may change, and a failed build may not change the output either.
/// </summary>
/// <remarks>Layout: <c>sandbox/canary.txt</c>, <c>sandbox/outside/precious.txt</c>, the site in <c>sandbox/site/</c>,
/// its output in <c>sandbox/site/public/</c>.</remarks>
public sealed class Sandbox : IDisposable
{
    /// <summary>How long one build may take before the case counts as a hang.</summary>
    public static readonly TimeSpan BuildLimit = TimeSpan.FromSeconds(60);

    private Sandbox(string root, TempSite site)
    {
        Root = root;
        Site = site;
    }

    public string Root { get; }

    public TempSite Site { get; }

    /// <summary>A file outside the site that no build may touch.</summary>
    public string Canary => Path.Combine(Root, "canary.txt");

    /// <summary>A folder outside the site, with a file in it, that no build may touch.</summary>
    public string Outside => Path.Combine(Root, "outside");

    public string Output => Path.Combine(Site.Root, "public");

    /// <summary>Lemma's list of what it wrote, kept beside the output so that it is never published: Lemma's own, like the output.</summary>
    public string Manifest => Path.Combine(Site.Root, ".public.lemma-manifest");

    /// <summary>The site's .lemma folder (the highlight cache), Lemma's own working state, which a build may write. Where it
    /// is a link that leads out, the target is still fingerprinted, so a write through it is seen.</summary>
    public string State => Path.Combine(Site.Root, ".lemma");

    public static Sandbox With(string archive)
    {
        var root = Path.Combine(Path.GetTempPath(), "lemma-hostile-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(root, "outside"));
        File.WriteAllText(Path.Combine(root, "canary.txt"), "precious\n");
        File.WriteAllText(Path.Combine(root, "outside", "precious.txt"), "also precious\n");
        return new Sandbox(root, TempSite.In(Path.Combine(root, "site"), archive));
    }

    /// <summary>Runs `lemma build ARGS --verbose --source site` and checks the sandbox around it (every diagnostic printed, none summarised).</summary>
    public HostileRun Build(params string[] args)
    {
        var outsideBefore = FingerprintOutside();
        var outputBefore = Fingerprint(Output, skip: []);
        var task = Task.Run(() => Site.Lemma(["build", .. args, "--verbose"]));
        if (!task.Wait(BuildLimit)) Assert.Fail($"lemma build did not finish within {BuildLimit.TotalSeconds} s");
        var run = task.Result;
        var outsideAfter = FingerprintOutside();
        var outputAfter = Fingerprint(Output, skip: []);
        return new HostileRun(run, Diff(outsideBefore, outsideAfter), Diff(outputBefore, outputAfter));
    }

    /// <summary>Every entry of the sandbox but the output, with what it holds.</summary>
    public SortedDictionary<string, string> FingerprintOutside() => Fingerprint(Root, skip: [Output, Manifest, State]);

    /// <summary>Every entry under <paramref name="folder"/> (links not followed) with what it holds.</summary>
    private static SortedDictionary<string, string> Fingerprint(string folder, string[] skip)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(folder)) return entries;
        var pending = new Stack<string>([folder]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos())
            {
                if (skip.Contains(entry.FullName)) continue;
                var key = Path.GetRelativePath(folder, entry.FullName);
                if (entry.LinkTarget is { } target) entries[key] = "link -> " + target;
                else if (entry is DirectoryInfo) { entries[key] = "dir"; pending.Push(entry.FullName); }
                // A FIFO or device reads as a zero-length file; opening one would block, and there is nothing to hash.
                else if (entry is FileInfo file) entries[key] = file.Length == 0 ? "empty" : Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file.FullName)));
            }
        }
        return entries;
    }

    public static IReadOnlyList<string> Diff(SortedDictionary<string, string> before, SortedDictionary<string, string> after)
    {
        var changes = new List<string>();
        foreach (var (path, what) in before)
        {
            if (!after.TryGetValue(path, out var now)) changes.Add("removed " + path);
            else if (now != what) changes.Add("changed " + path);
        }
        foreach (var path in after.Keys) if (!before.ContainsKey(path)) changes.Add("added " + path);
        return changes;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
