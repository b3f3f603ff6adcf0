using Lemma.Diagnostics;

namespace Lemma.Checks;

/// <summary>Two pages with the same title: readers and search engines cannot tell them apart.</summary>
public sealed class DuplicateTitles : ISiteCheck
{
    public IEnumerable<Diagnostic> Run(CheckInput input)
    {
        var groups = input.Build.Site.Pages
            .GroupBy(p => p.Title.Trim(), StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1);
        foreach (var group in groups)
        {
            var pages = group.OrderBy(p => p.Source.Path, StringComparer.Ordinal).ToArray();
            foreach (var page in pages.Skip(1))
            {
                var line = page.FrontMatter.KeyLines.GetValueOrDefault("title", 1);
                yield return Diagnostic.Warning(new SourceSpan(page.Source.Path, line, 1), $"duplicate title \"{page.Title}\" (also {pages[0].Source.Path})");
            }
        }
    }
}
