using Lemma.Diagnostics;

namespace Lemma.Checks;

/// <summary>A link to "#id" on a page of the site where no element has that id.</summary>
public sealed class BrokenAnchors : ISiteCheck
{
    public IEnumerable<Diagnostic> Run(CheckInput input)
    {
        foreach (var (page, content) in input.Pages)
            foreach (var link in content.Links.Where(l => !l.IsImage))
                if (input.Resolve(page, link.Target) is { Fragment: { Length: > 0 } fragment } resolved
                    && input.AnchorsByFile.TryGetValue(resolved.File, out var anchors) && !anchors.Contains(fragment))
                    yield return Diagnostic.Error(link.Span, $"broken anchor: {link.Target} (no id '{fragment}' on that page)");
    }
}
