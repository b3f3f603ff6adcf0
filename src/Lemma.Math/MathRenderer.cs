using System.Text;

namespace Lemma.Math;

/// <summary>
/// Converts TeX math, as KaTeX and MathJax users write it, to MathML Core.
/// An instance is immutable after construction and safe to share between threads;
/// per-post state (equation numbers, labels, \newcommand) lives in a <see cref="MathDocument"/>.
/// Never throws for bad input: errors come back in <see cref="MathResult.Errors"/>.
/// </summary>
public sealed class MathRenderer
{
    readonly Dictionary<string, MacroDefinition> _siteMacros = [];

    public MathRenderer(MathOptions? options = null)
    {
        Options = options ?? MathOptions.Default;
        // Parsed once; read-only afterwards, so renders on several threads can share them.
        foreach (var (name, body) in Options.Macros)
        {
            MacroDefinition definition;
            try
            {
                definition = Expander.Parse(body ?? "");
            }
            catch (TexException)
            {
                // Reported where the macro is used, like any other error in a formula.
                definition = new MacroDefinition(0, null, [new Token(TokenKind.ControlSequence, "@invalidmacro", 0, 0)]);
            }
            _siteMacros[name.StartsWith('\\') ? name[1..] : name] = definition;
        }
    }

    public MathOptions Options { get; }

    /// <summary>Renders one formula. <paramref name="document"/> carries numbering and macros across a post.</summary>
    /// <remarks>Numbered display equations come out as <c>&lt;div class="equation" id="eq-…"&gt;</c>; \eqref and \ref
    /// leave placeholders that <see cref="MathDocument.ResolveReferences"/> fills once the whole post is rendered.
    /// Bad input gives a <c>span.math-error</c> showing the source, and one <see cref="MathError"/>.</remarks>
    public MathResult Render(string tex, bool display, MathDocument? document = null)
    {
        tex ??= "";
        document ??= new MathDocument();
        try
        {
            var parser = new Parser(tex, display, document, _siteMacros);
            var root = parser.ParseTop();
            return new MathResult(Numbering.Finish(tex, display, root, parser, document), []);
        }
        catch (TexException e)
        {
            int pos = System.Math.Clamp(e.Pos, 0, tex.Length);
            int len = System.Math.Clamp(e.Len, 0, tex.Length - pos);
            return Fallback(tex, new MathError(pos, len, e.Message));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Last resort: a bug in the converter must not break the build of a post.
            return Fallback(tex, new MathError(0, tex.Length, "Internal error in the math converter: " + e.Message));
        }
    }

    static MathResult Fallback(string tex, MathError error)
    {
        var sb = new StringBuilder("<span class=\"math-error\" title=\"");
        MathNode.Escape(sb, error.Message, attribute: true);
        sb.Append("\"><code>");
        MathNode.Escape(sb, tex, attribute: false);
        sb.Append("</code></span>");
        return new MathResult(sb.ToString(), [error]);
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
