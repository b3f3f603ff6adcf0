// Renders one notebook of a site in-process, warm: what the "render content" stage spends on it once the
// process has started and the code is jitted. Usage: Lemma.Notebook.Bench SITE content/posts/NAME.ipynb [RUNS]
using System.Diagnostics;
using System.Globalization;
using Lemma.Build;
using Lemma.Configuration;
using Lemma.Content;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Lemma.Notebook.Bench SITE RELATIVE_PATH.ipynb [RUNS]");
    return 2;
}
var root = Path.GetFullPath(args[0]);
var relative = args[1];
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;

var config = ConfigLoader.Load(root).Config;
var (page, diagnostics) = ContentLoader.Parse(relative, File.ReadAllText(Path.Combine(root, relative)), config);
if (page is null)
{
    foreach (var d in diagnostics) Console.Error.WriteLine(d);
    return 1;
}
// No highlight cache: every render gets new formats (the highlighter keeps blocks in memory and in .lemma/cache),
// so it highlights every cell, as a cold build does; only the JIT is warm.
var cache = Path.Combine(root, ".lemma");

double Once()
{
    if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
    var format = ContentFormats.Create(config, root).First(f => f.Accepts(page));
    var watch = Stopwatch.StartNew();
    var rendered = format.Render(page);
    watch.Stop();
    if (rendered.Diagnostics.Any(d => d.Severity == Lemma.Diagnostics.Severity.Error))
        throw new InvalidOperationException(string.Join("\n", rendered.Diagnostics));
    return watch.Elapsed.TotalMilliseconds;
}

var first = Once();
for (var i = 0; i < 4; i++) Once(); // warm-up
var times = Enumerable.Range(0, runs).Select(_ => Once()).Order().ToArray();
var rendered = ContentFormats.Create(config, root).First(f => f.Accepts(page)).Render(page);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"first render {first:F1} ms; warm median {times[times.Length / 2]:F2} ms [min {times[0]:F2}, max {times[^1]:F2}] over {runs} renders; " +
    $"{rendered.Html.Length / 1024.0:F0} KiB of HTML, {rendered.Resources.Length} image files"));
return 0;
