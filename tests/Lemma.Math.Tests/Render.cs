namespace Lemma.Math.Tests;

/// <summary>Helpers: the MathML inside &lt;semantics&gt;, without the annotation.</summary>
internal static class Render
{
    static readonly MathRenderer Renderer = new(new MathOptions
    {
        Macros = new Dictionary<string, string> { ["RR"] = @"\mathbb{R}", ["norm"] = @"\left\lVert #1 \right\rVert" },
    });

    public static string Inner(string tex, bool display = false)
    {
        var r = Renderer.Render(tex, display, new MathDocument());
        Assert.True(r.Ok, $"{tex}: {string.Join("; ", r.Errors.Select(e => e.Message))}");
        var html = r.Html;
        int start = html.IndexOf("<semantics>", StringComparison.Ordinal) + "<semantics>".Length;
        int end = html.IndexOf("<annotation", StringComparison.Ordinal);
        return html[start..end];
    }
}
