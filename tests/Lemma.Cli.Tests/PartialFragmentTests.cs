namespace Lemma.Cli.Tests;

/// <summary>
/// A <c>render</c> whose partial reads only its arguments is rendered once per build for each set of arguments and
/// shared (a post's card on the archive and every list); any other partial renders in place. Either way a page prints
/// what Liquid prints: each row is a partial, how the layout calls it, and what pages "A" and "B" show.
/// </summary>
public sealed class PartialFragmentTests
{
    public static TheoryData<string, string, string, string> Rows => new()
    {
        // partial (its file ends with a newline), the layout's calls, page A, page B
        { "{{ item.title }}", "{% render 'partials/x', item: page %}", "A\n", "B\n" },
        { "{{ item.title }}:{{ flag }}:{{ n }}", "{% render 'partials/x', item: page, flag: true, n: 2.5 %}", "A:true:2.5\n", "B:true:2.5\n" },
        { "{{ s }}", "{% render 'partials/x', s: '<b>' %}", "&lt;b&gt;\n", "&lt;b&gt;\n" },
        // The page is no argument: the partial reads the caller's.
        { "{{ item.title }}/{{ page.title }}", "{% render 'partials/x', item: page %}", "A/A\n", "B/B\n" },
        // A variable the caller does not have reads as nothing, in place or not.
        { "{{ heading | default: 3 }}", "{% render 'partials/x' %}", "3\n", "3\n" },
        { "{% assign t = item.title | downcase %}{{ t }}", "{% render 'partials/x', item: page %}", "a\n", "b\n" },
        // Tags that keep state run in place, as Liquid runs them.
        { "{% cycle 'x', 'y' %}", "{% render 'partials/x' %}{% render 'partials/x' %}", "x\nx\n", "x\nx\n" },
        // A partial that renders one reading the page is not shared either.
        { "{% render 'partials/y', item: item %}", "{% render 'partials/x', item: page %}", "A\n\n", "B\n\n" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_partial_prints_what_Liquid_prints(string partial, string calls, string a, string b)
    {
        using var site = TempSite.From(
            "-- site.yaml --\ntitle: T\nbase_url: https://example.org/\n" +
            $"-- layouts/single.liquid --\n[{calls}]\n" +
            $"-- layouts/partials/x.liquid --\n{partial}\n" +
            "-- layouts/partials/y.liquid --\n{{ page.title }}\n" +
            "-- content/posts/a.md --\n---\ntitle: A\ndate: 2024-01-01\n---\nBody.\n" +
            "-- content/posts/b.md --\n---\ntitle: B\ndate: 2024-01-02\n---\nBody.\n");
        var run = site.Lemma("build");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"[{a}]\n", site.Read("public/posts/a/index.html"));
        Assert.Equal($"[{b}]\n", site.Read("public/posts/b/index.html"));
    }
}
