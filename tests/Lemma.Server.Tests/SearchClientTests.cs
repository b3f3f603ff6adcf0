using System.Diagnostics;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Lemma.Search;

namespace Lemma.Server.Tests;

/// <summary>
/// The browser's client (theme/assets/js/search.js, as the site serves it) and the server (<see cref="Searcher"/>) must
/// split text into the same words and order the same results, or a reader sees one ranking with JavaScript and another
/// without. The client runs under node, reading the index the served site holds.
/// </summary>
public class SearchClientTests
{
    private static readonly Dictionary<string, string> Files = new()
    {
        ["site.yaml"] = "title: Gradients\nsearch: true\n",
        ["content/posts/attention.md"] = "---\ntitle: Attention from scratch\ndate: 2024-03-01\ntags: [transformers]\n---\n## Softmax over scores\n\nWe build `nn.Linear` layers and a softmax over the scores, at lr 3e-4 in 2024 (λ = 0.5).\n\n## Masking\n\nA causal mask.\n",
        ["content/posts/attention-2.md"] = "---\ntitle: Attention from scratch\ndate: 2024-03-02\n---\n## Masking the future\n\nThe mask hides the future; softmax again.\n\n## Softmax temperature\n\nScores over a temperature.\n",
        ["content/posts/adam.md"] = "---\ntitle: Adam, the optimizer\ndate: 2024-02-01\n---\n## Running averages\n\nAdam keeps running averages of gradients; a quokka watches the softmax.\n",
        ["content/posts/masking.md"] = "---\ntitle: Masking in practice\ndate: 2024-01-05\n---\n## Attention from the future\n\nCausal masks for attention, from scratch.\n",
    };

    // Text where a tokenizer can go wrong: code and math terms, diacritics and letters that fold to two, stop words,
    // scripts other than Latin, punctuation only, markup.
    private static readonly string[] Texts =
    [
        "Attention from scratch",
        "nn.Linear and torch.compile, snake_case and __init__",
        "state-of-the-art KL-divergence in O(n log n)",
        "Ünïcödé façade, naïve café; Straße, Æsir, øre, Łódź, þorn",
        "The quick, THE dead; and the end!",
        "AdamW's 3x speed-up in v1.2.3 (2024-03-01), lr=1e-5",
        "Σύνταξη λέξεων και 日本語のテキスト",
        "<script>alert(1)</script> &amp; \"quoted\" 'single'",
        "... --- ___ ...",
        "a.b_c-d e..f g--h _x_ -y- .z.",
        "supercalifragilisticexpialidocious-and-a-word-far-longer-than-forty-characters-in-all x",
        "one two three four five six seven eight nine ten",
    ];

    [Fact]
    public async Task The_client_splits_every_text_of_the_table_into_the_words_the_server_does()
    {
        await using var site = await ServedSite.Start(Files, production: true);
        var client = await Client(site, new { texts = Texts });
        var i = 0;
        foreach (var text in Texts)
        {
            Assert.Equal([.. new Tokens().Of(text).Select(t => t.Word).Distinct()], client.GetProperty("terms")[i].EnumerateArray().Select(w => w.GetString()!));
            Assert.Equal([.. Searcher.Words(text)], client.GetProperty("words")[i].EnumerateArray().Select(w => w.GetString()!));
            i++;
        }
    }

    [Fact]
    public async Task The_client_orders_the_results_of_each_query_as_the_server_page_does()
    {
        string[] queries = ["softmax", "attention scratch masking", "attention scratch softmax temperature", "attention from the future", "optim", "nn.linear", "2024", "3e-4", "λ", "nn.lin", "Adam averages", "mask", "zebra"];
        await using var site = await ServedSite.Start(Files, production: true);
        var client = await Client(site, new { queries });
        for (var i = 0; i < queries.Length; i++)
        {
            var page = new HtmlParser().ParseDocument(await site.Get("search/?q=" + Uri.EscapeDataString(queries[i])));
            var server = page.QuerySelectorAll("#search-results li a").Select(a => a.GetAttribute("href")!).Take(Searcher.Shown);
            Assert.Equal(server, client.GetProperty("found")[i].EnumerateArray().Select(u => u.GetString()!));
        }
        // Two posts of one title are told apart by a heading: the one whose title and one heading hold all the words first.
        Assert.Equal(["/posts/attention-2/", "/posts/attention/"], client.GetProperty("found")[2].EnumerateArray().Select(u => u.GetString()!).Take(2));
    }

    // Loads the site's client under node and runs it over `input`: its words and terms of `texts`, and the URLs it
    // shows for each of `queries`, reading the served index.
    private static async Task<JsonElement> Client(ServedSite site, object input)
    {
        var folder = Directory.CreateTempSubdirectory("lemma-search-client-").FullName;
        try
        {
            var driver = Path.Combine(folder, "driver.js");
            var inputFile = Path.Combine(folder, "input.json");
            File.WriteAllText(driver, Driver);
            File.WriteAllText(inputFile, JsonSerializer.Serialize(input));
            var start = new ProcessStartInfo("node", [driver, new Uri(site.Server.Address, "/").ToString(), inputFile])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var node = Process.Start(start)!;
            var output = node.StandardOutput.ReadToEndAsync();
            var error = node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            Assert.True(node.ExitCode == 0, await error);
            return JsonDocument.Parse(await output).RootElement.Clone();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private const string Driver = """
        const fs = require("fs");
        const [root, inputFile] = process.argv.slice(2);
        const input = JSON.parse(fs.readFileSync(inputFile, "utf8"));
        (async () => {
          const source = await (await fetch(root + "assets/js/search.js")).text();
          const module = { exports: {} };
          new Function("module", source)(module);
          const client = module.exports;
          const out = {
            terms: (input.texts || []).map(client.terms),
            words: (input.texts || []).map(client.words),
            found: [],
          };
          for (const q of input.queries || [])
            out.found.push((await client.find(root + "search/", client.words(q))).map(h => h.page.u));
          console.log(JSON.stringify(out));
        })().catch(e => { console.error(e); process.exit(1); });
        """;
}
