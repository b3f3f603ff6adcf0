using Lemma.Diagnostics;

namespace Lemma.Checks;

/// <summary>A link to a page or file of the site that the build does not produce.</summary>
public sealed class BrokenLinks : ISiteCheck
{
    public IEnumerable<Diagnostic> Run(CheckInput input)
    {
        foreach (var (page, content) in input.Pages)
            foreach (var link in content.Links.Where(l => !l.IsImage))
                if (input.Resolve(page, link.Target) is { } resolved && !input.Files.Contains(resolved.File))
                    yield return Diagnostic.Error(link.Span, $"broken link: {link.Target} (no {resolved.File} in the site)");
    }
}
