using System.Collections.Frozen;
using Markdig.Extensions.Alerts;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Lemma.Markdown.Callouts;

/// <summary>
/// <c>&lt;aside class="callout callout-KIND" role="note"&gt;&lt;p class="callout-title"&gt;Title&lt;/p&gt;…&lt;/aside&gt;</c>:
/// the title is the block's own or the kind's name ("Note"); the content is Markdown like any other.
/// </summary>
public sealed class CalloutHtml : HtmlObjectRenderer<CalloutBlock>
{
    /// <summary>The kinds of callout and their default titles.</summary>
    public static readonly FrozenDictionary<string, string> Titles = new Dictionary<string, string>
    {
        ["note"] = "Note", ["tip"] = "Tip", ["important"] = "Important", ["warning"] = "Warning", ["caution"] = "Caution",
    }.ToFrozenDictionary();

    protected override void Write(HtmlRenderer renderer, CalloutBlock block)
    {
        var kind = Blocks.ColonFence.KindOf(block) is { } k && Titles.ContainsKey(k) ? k : "note";
        // Quarto's ::: {.callout-tip title="..."}
        var given = block.TryGetAttributes()?.Properties?.FirstOrDefault(p => p.Key == "title").Value;
        // Quarto's callouts take a heading that starts them as their title, when they have no other.
        var quarto = Blocks.ColonFence.IsPandocDiv(block) || block.Info?.StartsWith("callout-", StringComparison.OrdinalIgnoreCase) == true;
        var heading = quarto && given is null && block.Count > 0 && block[0] is HeadingBlock first ? first : null;
        if (heading is null)
        {
            Open(renderer, block, kind, given ?? Titles[kind]);
            renderer.WriteChildren(block);
            Close(renderer);
            return;
        }
        renderer.EnsureLine();
        renderer.Write("<aside class=\"callout callout-").Write(kind).Write('"');
        if (Blocks.ColonFence.LabelOf(block) is { } id) renderer.Write(" id=\"").WriteEscape(id).Write('"');
        renderer.WriteLine(" role=\"note\">");
        renderer.Write("<p class=\"callout-title\">").WriteLeafInline(heading).WriteLine("</p>");
        foreach (var child in block.Skip(1)) renderer.Write(child);
        Close(renderer);
    }

    /// <summary>Opens the aside and writes its title: the block's own (<c>:::note[Title]</c>), else <paramref name="title"/>.</summary>
    internal static void Open(HtmlRenderer renderer, ContainerBlock block, string kind, string title)
    {
        renderer.EnsureLine();
        renderer.Write("<aside class=\"callout callout-").Write(kind).Write('"');
        if (Blocks.ColonFence.LabelOf(block) is { } id) renderer.Write(" id=\"").WriteEscape(id).Write('"');
        renderer.WriteLine(" role=\"note\">");
        renderer.Write("<p class=\"callout-title\">");
        if (!Blocks.ColonFence.WriteTitle(renderer, block)) renderer.WriteEscape(title);
        renderer.WriteLine("</p>");
    }

    internal static void Close(HtmlRenderer renderer)
    {
        renderer.EnsureLine();
        renderer.WriteLine("</aside>");
    }
}

/// <summary>GitHub's <c>&gt; [!NOTE]</c> alerts as callouts; an alert of another kind stays a block quote.</summary>
public sealed class AlertHtml : HtmlObjectRenderer<AlertBlock>
{
    protected override void Write(HtmlRenderer renderer, AlertBlock block)
    {
        var kind = block.Kind.ToString().ToLowerInvariant();
        if (!CalloutHtml.Titles.TryGetValue(kind, out var title))
        {
            renderer.EnsureLine();
            renderer.WriteLine("<blockquote>");
            renderer.Write("<p>[!").WriteEscape(block.Kind.ToString()).WriteLine("]</p>");
            renderer.WriteChildren(block);
            renderer.EnsureLine();
            renderer.WriteLine("</blockquote>");
            return;
        }
        CalloutHtml.Open(renderer, block, kind, title);
        renderer.WriteChildren(block);
        CalloutHtml.Close(renderer);
    }
}
