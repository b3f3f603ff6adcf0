using System.Text.Json;
using Microsoft.Playwright;

namespace Lemma.Browser.Tests;

/// <summary>axe-core in the page as it is now: its violations, one readable entry each (rule, impact, help, first nodes).</summary>
public static class Axe
{
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page, string axePath)
    {
        Assert.True(File.Exists(axePath), $"{axePath} is missing: run scripts/browser-setup.sh");
        // Evaluated through the DevTools protocol rather than added as a <script>: the page's Content-Security-Policy
        // refuses inline script, and the test must not loosen the policy it checks the page under.
        await page.EvaluateAsync(await File.ReadAllTextAsync(axePath));
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
