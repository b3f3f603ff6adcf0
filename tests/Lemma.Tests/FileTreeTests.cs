namespace Lemma.Tests;

/// <summary>Links resolved in full, as realpath(3) does, and files of length 0 never opened.</summary>
public sealed class FileTreeTests : IDisposable
{
    private readonly string root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "lemma-tree-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string At(string path) => Path.Combine(root, path);

    [Fact]
    public void A_real_path_resolves_links_in_every_segment_and_dot_dot_after_a_link_from_its_target()
    {
        Directory.CreateDirectory(At("a/b"));
        Directory.CreateDirectory(At("elsewhere/deep"));
        Directory.CreateSymbolicLink(At("a/link"), At("elsewhere/deep"));
        File.CreateSymbolicLink(At("a/b/file"), "../link/../x.txt");

        // a/link/.. is elsewhere (the link's target's parent), not a.
        Assert.Equal(At("elsewhere/x.txt"), FileTree.RealPath(At("a/b/file")));
        Assert.Equal(At("elsewhere/deep/not/there"), FileTree.RealPath(At("a/link/not/there")));
    }

    [Fact]
    public void Links_that_loop_have_no_real_path()
    {
        File.CreateSymbolicLink(At("x"), "y");
        File.CreateSymbolicLink(At("y"), "x");
        Assert.Null(FileTree.RealPath(At("x")));
    }

    [Theory]
    [InlineData("/site", "/site", true)]
    [InlineData("/site", "/site/a", true)]
    [InlineData("/site/", "/site/a", true)]
    [InlineData("/site", "/site2/a", false)]
    [InlineData("/site", "/", false)]
    [InlineData("/", "/anything", true)]
    public void Inside_means_the_folder_or_under_it_never_a_sibling_with_the_same_prefix(string folder, string path, bool inside) =>
        Assert.Equal(inside, FileTree.IsInside(folder, path));

    [Fact]
    public async Task A_fifo_reads_as_empty_without_blocking()
    {
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [At("pipe")])) await mkfifo.WaitForExitAsync();
        File.CreateSymbolicLink(At("to-pipe"), "pipe");

        var read = Task.Run(() => (FileTree.ReadBytes(At("pipe")).Length, FileTree.ReadBytes(At("to-pipe")).Length));

        Assert.Same(read, await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.Equal((0, 0), await read);
    }
}
