using Lemma.Diagnostics;

namespace Lemma.Checks;

/// <summary>An image whose file is neither in static/ nor in the page's bundle.</summary>
public sealed class MissingImages : ISiteCheck
{
    public IEnumerable<Diagnostic> Run(CheckInput input)
    {
        foreach (var (page, content) in input.Pages)
            foreach (var image in content.Links.Where(l => l.IsImage))
                if (input.Resolve(page, image.Target) is { } resolved && !input.Files.Contains(resolved.File))
                    yield return Diagnostic.Error(image.Span, $"missing image: {image.Target}");
    }
}
