using System.Collections.Immutable;
using Lemma.Build;
using Lemma.Diagnostics;
using Lemma.Model;

namespace Lemma.Checks;

public sealed record CheckResult(ImmutableArray<Diagnostic> Diagnostics, int Pages);

/// <summary>`lemma check`: an in-memory build, then every rule over its result.</summary>
public static class SiteChecker
{
    public static readonly ImmutableArray<ISiteCheck> Rules = [new BrokenLinks(), new BrokenMenuLinks(), new BrokenAnchors(), new MissingImages(), new DuplicateTitles(), new PolicyViolations()];

    public static CheckResult Run(BuildOptions options)
    {
        var build = SiteBuilder.Run(options with { Emit = false });
        var input = new CheckInput(build) { Root = options.Source };
        var found = Rules.SelectMany(r => r.Run(input))
            .OrderBy(d => d.Span.Path, StringComparer.Ordinal).ThenBy(d => d.Span.Line).ThenBy(d => d.Span.Column);
        return new CheckResult(build.Diagnostics.AddRange(found), build.Stats.Pages);
    }
}
