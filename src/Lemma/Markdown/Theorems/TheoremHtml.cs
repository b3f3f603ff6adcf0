using System.Collections.Frozen;
using Lemma.Markdown.Blocks;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace Lemma.Markdown.Theorems;

/// <summary>
/// A theorem-like block as <c>&lt;div class="theorem theorem-KIND" id="LABEL"&gt;&lt;p class="theorem-title"&gt;&lt;strong&gt;Theorem 1
/// (Name).&lt;/strong&gt;&lt;/p&gt;…&lt;/div&gt;</c>, numbered per page. As in amsthm's usual setup, theorems, lemmas,
/// propositions and corollaries share one counter (Theorem 1, Lemma 2, Corollary 3); definitions, examples and remarks
/// each have their own. A proof is <c>div.proof</c>, headed "Proof." (or "Proof (Name)."), unnumbered, and ends with ∎.
/// A label names the block for <c>[](#label)</c> links.
/// </summary>
public sealed class TheoremHtml(PageContext page) : HtmlObjectRenderer<TheoremBlock>
{
    /// <summary>Each kind's display name and counter (null: not numbered).</summary>
    public static readonly FrozenDictionary<string, (string Name, string? Counter)> Kinds = new Dictionary<string, (string, string?)>
    {
        ["theorem"] = ("Theorem", "theorem"),
        ["lemma"] = ("Lemma", "theorem"),
        ["proposition"] = ("Proposition", "theorem"),
        ["corollary"] = ("Corollary", "theorem"),
        ["definition"] = ("Definition", "definition"),
        ["example"] = ("Example", "example"),
        ["remark"] = ("Remark", "remark"),
        ["proof"] = ("Proof", null),
    }.ToFrozenDictionary();

    protected override void Write(HtmlRenderer renderer, TheoremBlock block)
    {
        var kind = block.Kind;
        var (name, counter) = Kinds[kind];
        var heading = counter is null ? name : $"{name} {page.Numbers.Next(counter)}";
        var label = ColonFence.LabelOf(block);
        if (label is not null && !page.Numbers.Define(label, heading))
            page.Diagnostics.Add(Lemma.Diagnostics.Diagnostic.Error(page.At(block.Line, block.Column), $"reference: the label '{label}' is used twice on this page"));

        renderer.EnsureLine();
        renderer.Write(counter is null ? "<div class=\"proof\"" : $"<div class=\"theorem theorem-{kind}\"");
        if (label is not null) renderer.Write(" id=\"").WriteEscape(label).Write('"');
        renderer.WriteLine(">");
        renderer.Write("<p class=\"theorem-title\">").Write(counter is null ? "<em>" : "<strong>").WriteEscape(heading);
        if (block.Count > 0 && block[0] is BlockTitle)
        {
            renderer.Write(" (");
            ColonFence.WriteTitle(renderer, block);
            renderer.Write(')');
        }
        renderer.Write('.').Write(counter is null ? "</em>" : "</strong>").WriteLine("</p>");
        renderer.WriteChildren(block);
        renderer.EnsureLine();
        if (counter is null) renderer.WriteLine("<p class=\"qed\">∎</p>");
        renderer.WriteLine("</div>");
    }
}
