using Lemma.Build;
using Lemma.Diagnostics;

namespace Lemma.Checks;

/// <summary>One rule of `lemma check`, named after what it finds. Reads a finished in-memory build.</summary>
public interface ISiteCheck
{
    IEnumerable<Diagnostic> Run(CheckInput input);
}
