using System.Text.Json;
using Microsoft.Playwright;

namespace Lemma.Browser.Tests;

/// <summary>axe-core in the page as it is now: its violations, one readable entry each (rule, impact, help, first nodes).</summary>
public static class Axe
{
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page, string axePath)
    {
        Assert.True(File.Exists(axePath), $"{axePath} is missing: run scripts/browser-setup.sh");
        await page.AddScriptTagAsync(new() { Path = axePath });
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return JSON.stringify(result.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + '\n    '
                + v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' — ' + n.failureSummary.replace(/\s+/g, ' ')).join('\n    ')));
            }
            """);
        return JsonSerializer.Deserialize<string[]>(json)!;
    }
}
