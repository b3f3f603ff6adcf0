namespace Lemma.Math;

/// <summary>
/// Converts TeX math, as KaTeX and MathJax users write it, to MathML Core.
/// An instance is immutable after construction and safe to share between threads;
/// per-post state (equation numbers, labels, \newcommand) lives in a <see cref="MathDocument"/>.
/// Never throws for bad input: errors come back in <see cref="MathResult.Errors"/>.
/// </summary>
public sealed class MathRenderer
{
    public MathRenderer(MathOptions? options = null) => Options = options ?? MathOptions.Default;

    public MathOptions Options { get; }

    /// <summary>Renders one formula. <paramref name="document"/> carries numbering and macros across a post.</summary>
    public MathResult Render(string tex, bool display, MathDocument? document = null)
    {
        // Placeholder until the converter lands (issue 3): show the source, styled as an error.
        var escaped = System.Net.WebUtility.HtmlEncode(tex);
        return new MathResult(
            $"<span class=\"math-error\" title=\"math is not converted yet\"><code>{escaped}</code></span>",
            [new MathError(0, tex.Length, "math conversion is not available")]);
    }
}

/// <summary>Options shared by every formula of a build.</summary>
public sealed record MathOptions
{
    public static readonly MathOptions Default = new();

    /// <summary>Site-wide macros: name without backslash (e.g. "RR") to replacement TeX (e.g. "\\mathbb{R}"); "#1".."#9" are arguments.</summary>
    public IReadOnlyDictionary<string, string> Macros { get; init; } = new Dictionary<string, string>();
}

/// <summary>The result of one formula: MathML (or a styled fallback) and the errors found.</summary>
public sealed record MathResult(string Html, IReadOnlyList<MathError> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>An error at <see cref="Offset"/> (UTF-16 index into the formula source).</summary>
public sealed record MathError(int Offset, int Length, string Message);

/// <summary>Per-post state: equation counter, \label targets, macros defined by the post. Not thread-safe.</summary>
public sealed class MathDocument
{
    /// <summary>Fills \eqref and \ref placeholders once the whole post is rendered, so forward references work.</summary>
    public string ResolveReferences(string html) => html;

    /// <summary>Labels referenced but never defined, known after <see cref="ResolveReferences"/>.</summary>
    public IReadOnlyList<string> UnknownLabels => [];
}
