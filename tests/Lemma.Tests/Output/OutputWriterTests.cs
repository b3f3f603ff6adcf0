using System.Collections.Immutable;
using System.Text;
using Lemma.Output;

namespace Lemma.Tests.Output;

public sealed class OutputWriterTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "lemma-emit-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    /// <summary>Many files in many new nested folders, as a site's tag pages are: every one lands, once.</summary>
    private static ImmutableArray<OutputFile> Site(string version) =>
    [
        .. Enumerable.Range(0, 300).Select(i => OutputFile.Text($"tags/t{i % 40}/page/{i / 40}/index.html", $"<p>{version} {i}</p>")),
        OutputFile.Text("index.html", $"<h1>{version}</h1>"),
    ];

    private string Read(string path) => File.ReadAllText(Path.Combine(root, path), Encoding.UTF8);

    [Fact]
    public void A_new_folder_gets_every_file_in_its_nested_folders()
    {
        var result = OutputWriter.Emit(Site("v1"), Path.Combine(root, "public"));

        Assert.Equal(new EmitResult(301, 0, 0), result);
        Assert.Equal("<p>v1 299</p>", Read("public/tags/t19/page/7/index.html"));
        Assert.Equal(301, Directory.GetFiles(Path.Combine(root, "public"), "*.html", SearchOption.AllDirectories).Length);
        Assert.Empty(Directory.GetFiles(Path.Combine(root, "public"), "*.lemma-tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_second_emit_leaves_unchanged_files_and_replaces_changed_ones()
    {
        var output = Path.Combine(root, "public");
        OutputWriter.Emit(Site("v1"), output);

        Assert.Equal(new EmitResult(0, 301, 0), OutputWriter.Emit(Site("v1"), output));
        var changed = Site("v1").SetItem(0, OutputFile.Text("tags/t0/page/0/index.html", "<p>new</p>"));
        Assert.Equal(new EmitResult(1, 300, 0), OutputWriter.Emit(changed, output));
        Assert.Equal("<p>new</p>", Read("public/tags/t0/page/0/index.html"));
    }

    [Fact]
    public void A_folder_holding_other_files_keeps_them()
    {
        var output = Path.Combine(root, "public");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "CNAME"), "example.org");

        var result = OutputWriter.Emit(Site("v1"), output);

        Assert.Equal(new EmitResult(301, 0, 0), result);
        Assert.Equal("example.org", Read("public/CNAME"));
    }

    [Fact]
    public void The_manifest_is_kept_beside_the_output_and_stale_files_it_lists_are_deleted()
    {
        var output = Path.Combine(root, "public");
        OutputWriter.Emit(Site("v1"), output);
        Assert.False(File.Exists(Path.Combine(output, OutputWriter.OldManifestName)));
        Assert.Equal(Path.Combine(root, ".public.lemma-manifest"), OutputWriter.ManifestFor(output));
        Assert.Equal(301, File.ReadAllLines(OutputWriter.ManifestFor(output)).Length);

        var result = OutputWriter.Emit([OutputFile.Text("index.html", "<h1>v1</h1>")], output);

        Assert.Equal(new EmitResult(0, 1, 300), result);
        Assert.Equal(["index.html"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName));
    }

    [Fact]
    public void A_manifest_line_that_names_a_file_outside_the_output_deletes_nothing()
    {
        var output = Path.Combine(root, "public");
        Directory.CreateDirectory(output);
        var victim = Path.Combine(root, "victim.txt");
        File.WriteAllText(victim, "keep");
        File.WriteAllText(OutputWriter.ManifestFor(output), $"{victim}\n../victim.txt\nx/../../victim.txt\n");

        var result = OutputWriter.Emit(Site("v1"), output);

        Assert.Equal(0, result.Deleted);
        Assert.Equal("keep", File.ReadAllText(victim));
    }
}
