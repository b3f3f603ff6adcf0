using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Lemma.Browser.Tests;

/// <summary>
/// Notebook outputs never run script: every vector of the XSS corpus, in every place a notebook carries HTML, loaded
/// in Chromium with no Content-Security-Policy header, with and without the theme's &lt;meta&gt; policy. One page load
/// per place and policy holds all the vectors. Script that ran is caught six ways: a trap installed before any page
/// script replaces alert, confirm, prompt, print, open and document.write in every frame; a dialog; a console
/// message or uncaught error; a navigation, popup or extra frame; a script the &lt;meta&gt; policy refused (the
/// sanitizer missed it even if the policy held); and what is left in the DOM that could still run (a script-capable
/// element, an on* handler, a javascript:, vbscript: or data: URL), which catches handlers that only a click or hover
/// would fire. A page that hangs fails after 45 s instead of stopping the run.
/// The checks see what they look for: with notebooks: { trusted: true } in XssSite's site.yaml (no sanitizer), the
/// text/html page without the policy has 37 vectors calling a trapped function and 279 leaving what could run behind,
/// and with the policy 166 vectors have script refused.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class NotebookXssTests(SiteFixture site, XssSite xss, ITestOutputHelper output) : IClassFixture<XssSite>
{
    public static TheoryData<string, bool> Pages()
    {
        var data = new TheoryData<string, bool>();
        foreach (var place in XssSite.Places)
        {
            data.Add(place, false);
            data.Add(place, true);
        }
        return data;
    }



    [Theory]
    [MemberData(nameof(Pages))]
    public async Task No_vector_runs_script_from_a_notebook(string place, bool metaPolicy)
    {
        var problems = new ConcurrentQueue<string>();
        var context = await site.Browser.NewContextAsync(new() { BaseURL = xss.Server.BaseUri.ToString() });
        var blocked = 0;
        try
        {
            // A vector that got through can hang the page (a backtracking pattern, a focus loop): the page fails, the run goes on.
            blocked = await Inspect(context, place, metaPolicy, problems).WaitAsync(TimeSpan.FromSeconds(45));
        }
        catch (TimeoutException)
        {
            problems.Enqueue("the page hung for 45 s");
        }
        finally
        {
            try { await context.CloseAsync().WaitAsync(TimeSpan.FromSeconds(10)); } catch (TimeoutException) { }
        }
        var vectors = xss.Cells[place].Count - 1;
        bool Ran(string p) => p.Contains(": ran ", StringComparison.Ordinal) && !p.Contains(": ran policy refused", StringComparison.Ordinal) || p.StartsWith("dialog", StringComparison.Ordinal);
        bool Refused(string p) => p.Contains(": ran policy refused", StringComparison.Ordinal);
        bool Left(string p) => p.Contains(": left ", StringComparison.Ordinal);
        int Vectors(Func<string, bool> kind) => problems.Where(kind).Select(p => p.Split(": ")[0]).Distinct().Count();
        output.WriteLine($"{place}, {(metaPolicy ? "with" : "without")} the <meta> policy: {vectors} vectors; script ran from {Vectors(Ran)}, " +
            $"the policy refused script of {Vectors(Refused)}, {Vectors(Left)} left what could run it; " +
            $"{problems.Count(p => !Ran(p) && !Refused(p) && !Left(p))} other signs; {blocked} requests to other hosts blocked");
        // The hung page, the calls the trap caught and the leftovers first: they name the vector.
        var ordered = problems.OrderBy(p => p.StartsWith("the page hung", StringComparison.Ordinal) ? 0 : p.Contains(": ran ", StringComparison.Ordinal) ? 1 : p.Contains(": left ", StringComparison.Ordinal) ? 2 : 3);
        Assert.True(problems.IsEmpty, $"{place} ({(metaPolicy ? "with" : "without")} the <meta> policy), {problems.Count} problems:\n" + string.Join("\n", ordered.Take(60)));
    }

    /// <summary>Loads the page of one place, records every sign of script into <paramref name="problems"/>, and
    /// returns how many requests to other hosts it blocked.</summary>
    private async Task<int> Inspect(IBrowserContext context, string place, bool metaPolicy, ConcurrentQueue<string> problems)
    {
        var external = 0;
        await context.AddInitScriptAsync(ScriptTraps.Trap(".nb-cell"));
        var origin = xss.Server.BaseUri.GetLeftPart(UriPartial.Authority);
        await context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith(origin, StringComparison.Ordinal)) await route.ContinueAsync();
            else
            {
                Interlocked.Increment(ref external);
                await route.AbortAsync("blockedbyclient");
            }
        });
        var page = await context.NewPageAsync();
        var loaded = false;
        page.Dialog += (_, dialog) =>
        {
            problems.Enqueue($"dialog {dialog.Type}: {dialog.Message}");
            _ = dialog.DismissAsync();
        };
        page.Console += (_, message) =>
        {
            // Broken images (a vector's <img src=x>) and images the policy refuses are not script.
            if (message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal) || message.Text.Contains("img-src", StringComparison.Ordinal)) return;
            problems.Enqueue($"console {message.Type}: {message.Text}");
        };
        page.PageError += (_, error) => problems.Enqueue("uncaught: " + error);
        page.Popup += (_, popup) => problems.Enqueue("popup: " + popup.Url);
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame && loaded) problems.Enqueue("navigated to " + frame.Url);
        };

        var response = await page.GotoAsync(XssSite.PathOf(place, metaPolicy), new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 30_000 });
        Assert.Equal(200, response!.Status);
        loaded = true;
        try { await page.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = 15_000 }); }
        catch (TimeoutException) { problems.Enqueue("the load event did not come in 15 s"); }
        // Lazy images load, and timers, onload, onerror and autofocus handlers get their chance to fire.
        await page.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight)");
        await page.WaitForTimeoutAsync(1500);

        var cells = xss.Cells[place];
        string Vector(int cell) => cell >= 1 && cell < cells.Count ? cells[cell]!.Id : $"cell {cell}";
        foreach (var frame in page.Frames)
        {
            if (frame != page.MainFrame) problems.Enqueue("a frame: " + frame.Url);
            string json;
            try { json = await frame.EvaluateAsync<string>("() => JSON.stringify(window.__xss || [])").WaitAsync(TimeSpan.FromSeconds(5)); }
            catch (Exception e) when (e is TimeoutException or PlaywrightException)
            {
                problems.Enqueue($"a frame that does not answer: {frame.Url[..System.Math.Min(80, frame.Url.Length)]}");
                continue;
            }
            var hits = JsonSerializer.Deserialize<JsonElement[]>(json)!;
            foreach (var hit in hits)
                problems.Enqueue($"{Vector(hit.GetProperty("cell").GetInt32())}: ran {hit.GetProperty("what").GetString()} in {hit.GetProperty("frame").GetString()}");
        }
        try
        {
            var leftovers = JsonSerializer.Deserialize<JsonElement[]>(await page.EvaluateAsync<string>(ScriptTraps.Leftovers(".nb-cell")).WaitAsync(TimeSpan.FromSeconds(10)))!;
            foreach (var left in leftovers) problems.Enqueue($"{Vector(left[0].GetInt32())}: left {left[1].GetString()}");
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            problems.Enqueue("the page could not be checked for leftovers: " + e.Message);
        }
        // Cell 0, the title's heading, is the page's heading, not a cell.
        var found = await page.Locator(".nb-cell").CountAsync();
        if (found != cells.Count - 1) problems.Enqueue($"{found} cells on the page, not {cells.Count - 1}");
        return external;
    }
}
