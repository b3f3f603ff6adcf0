using System.Diagnostics;
using Lemma.Build;
using Lemma.Incremental;
using Lemma.Model;

// One kind of edit, made again and again to a site in one process, each followed by the rebuild `lemma serve` makes:
// the rebuild alone, without the watcher, the snapshot or the browser (bench/serve_latency.py measures those), so
// that two versions of the engine can be alternated on the same machine state and a trace taken of the edits alone.
//
//   dotnet run -c Release --project bench/Lemma.Edit.Bench -- CORPUS tags|date|title|body|create|delete [ROUNDS] [--fill]
//
// --fill renders every page after the first build, as serve's background rendering does within a minute of start:
// a rendered page reads more (its related posts, the site's lists), so an edit reaches more. The corpus is restored.
if (args.Length < 2) { Console.Error.WriteLine("usage: CORPUS tags|date|title|body|create|delete [ROUNDS] [--fill]"); return 2; }
var root = Path.GetFullPath(args[0]);
var kind = args[1];
var rounds = args.Length > 2 && int.TryParse(args[2], out var n) ? n : 15;
var fill = args.Contains("--fill");
var store = new BuildStore();
BuildOptions Options() => new() { Source = root, Output = Path.Combine(root, "public"), Emit = false, Drafts = true, Future = true, Preview = true, DeferPages = true, BaseUrl = "http://127.0.0.1/" };

var clock = Stopwatch.StartNew();
var first = SiteBuilder.Run(Options(), store: store);
Console.WriteLine($"first build: {clock.ElapsedMilliseconds} ms, {first.Files.Length} files");
if (fill)
{
    clock.Restart();
    var pages = first.Files.Where(f => f.Pending is not null && f.Path.EndsWith(".html", StringComparison.Ordinal)).ToArray();
    foreach (var page in pages) store.RenderPage(page.Pending!);
    Console.WriteLine($"rendered {pages.Length} pages: {clock.ElapsedMilliseconds} ms");
}

var post = Directory.GetFiles(Path.Combine(root, "content/posts"), "*.md").Order(StringComparer.Ordinal).ElementAt(499);
var original = File.ReadAllText(post);
string Relative(string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
string Created(int i) => Path.Combine(root, $"content/posts/zz-edit-bench-{i}.md");
void WritePost(string path, int i) => File.WriteAllText(path, $"---\ntitle: \"Edit bench {i}\"\ndate: 2022-02-02T10:00:00Z\ntags: [caching]\n---\n\nA new post.\n");
// The post with one front matter field set (first in the front matter), the rest as it was.
string WithField(string name, string value)
{
    var text = File.ReadAllText(post);
    var end = text.IndexOf("\n---\n", 4, StringComparison.Ordinal);
    var lines = text[4..end].Split('\n').Where(l => !l.StartsWith(name + ":", StringComparison.Ordinal)).Prepend($"{name}: {value}");
    return "---\n" + string.Join("\n", lines) + text[end..];
}

var walls = new List<double>(); var cpus = new List<double>(); var pauses = new List<double>();
var self = Process.GetCurrentProcess();
QueryCounts? before = null;
try
{
    for (var i = 0; i < rounds; i++)
    {
        string changed;
        switch (kind)
        {
            case "tags": File.WriteAllText(post, WithField("tags", $"[edit-bench-{i}, caching]")); changed = Relative(post); break;
            case "date": File.WriteAllText(post, WithField("date", $"2021-0{1 + i % 9}-1{i % 10}T10:00:00Z")); changed = Relative(post); break;
            case "title": File.WriteAllText(post, WithField("title", $"\"Edit bench {i}\"")); changed = Relative(post); break;
            case "body": File.AppendAllText(post, $"\nEdited paragraph {i}.\n"); changed = Relative(post); break;
            case "create": WritePost(Created(i), i); changed = Relative(Created(i)); break;
            case "delete":
                // Made (and built) first, outside the timing.
                WritePost(Created(i), i);
                store.Changed([Relative(Created(i))]);
                SiteBuilder.Run(Options(), store: store);
                File.Delete(Created(i));
                changed = Relative(Created(i));
                break;
            default: Console.Error.WriteLine($"unknown edit kind {kind}"); return 2;
        }
        store.Changed([changed]);
        self.Refresh();
        var (cpu, paused) = (self.TotalProcessorTime, GC.GetTotalPauseDuration());
        clock.Restart();
        SiteBuilder.Run(Options(), store: store);
        walls.Add(clock.Elapsed.TotalMilliseconds);
        self.Refresh();
        cpus.Add((self.TotalProcessorTime - cpu).TotalMilliseconds);
        pauses.Add((GC.GetTotalPauseDuration() - paused).TotalMilliseconds);
        // The first edit's rebuild also compiles what the first build did not run: left out of the queries' table.
        if (i == 0) before = store.Memo.Counts;
    }
}
finally
{
    File.WriteAllText(post, original);
    for (var i = 0; i < rounds; i++) File.Delete(Created(i));
}

static string Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return $"{sorted[sorted.Count / 2]:0.0} ms (first quartile {sorted[sorted.Count / 4]:0.0}, min {sorted[0]:0.0})";
}
Console.WriteLine($"{kind}, {rounds} edits{(fill ? ", every page rendered" : "")}");
Console.WriteLine($"  rebuild wall: {Median(walls)}");
Console.WriteLine($"  rebuild CPU:  {Median(cpus)}");
Console.WriteLine($"  collections:  {Median(pauses)}, in all {pauses.Sum():0} ms");
if (rounds > 1 && before is not null)
{
    var after = store.Memo.Counts;
    Console.WriteLine("  queries computed per edit after the first, by time (a query's time includes what it asked for and computed):");
    foreach (var name in after.Names.OrderByDescending(q => after.Time(q) - before.Time(q)).Take(15))
        Console.WriteLine($"    {name,-28} {(after.Computed(name) - before.Computed(name)) / (double)(rounds - 1),8:0.0} computed  {(after.Time(name) - before.Time(name)).TotalMilliseconds / (rounds - 1),7:0.0} ms");
}
return 0;
