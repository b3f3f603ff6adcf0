using Lemma.Highlight.Lexing;

namespace Lemma.Highlight.Lexers;

/// <summary>How a single quote reads in a language.</summary>
public enum QuoteRule
{
    /// <summary>'…' is a string, like "…".</summary>
    String,
    /// <summary>'x' and '\n' are characters; otherwise the quote is an operator.</summary>
    Char,
    /// <summary>As <see cref="Char"/>, and <c>'a</c> (no closing quote) is a type variable (OCaml).</summary>
    CharOrTypeVariable,
    /// <summary>A string, except right after a name or a closing bracket, where it is the transpose operator (MATLAB).</summary>
    StringOrTranspose,
}

/// <summary>
/// What <see cref="LexiconLexer"/> needs to know of a language that TextMateSharp ships no (working) grammar for: its
/// comments, strings and words. Word lists are sorted (see <see cref="Scan.Words"/>).
/// </summary>
public sealed record Lexicon
{
    public string[] LineComments { get; init; } = [];
    /// <summary>Block comment delimiters, such as ("/*", "*/").</summary>
    public (string Open, string Close)[] BlockComments { get; init; } = [];
    public bool NestedComments { get; init; }
    /// <summary>Block comments open only as the first thing on a line (MATLAB's <c>%{</c>).</summary>
    public bool BlockCommentsAtLineStart { get; init; }
    public string[] Keywords { get; init; } = [];
    public string[] Types { get; init; } = [];
    public string[] Constants { get; init; } = [];
    public string[] Builtins { get; init; } = [];
    /// <summary>Keywords after which the next name is a function being defined (<c>fun</c>, <c>func</c>, <c>rpc</c>).</summary>
    public string[] FunctionIntroducers { get; init; } = [];
    /// <summary>Keywords after which the next name is a type being defined (<c>class</c>, <c>message</c>).</summary>
    public string[] TypeIntroducers { get; init; } = [];
    /// <summary>Names right before a quote that make it a prefixed string (Scala's <c>s"…"</c>).</summary>
    public string[] StringPrefixes { get; init; } = [];
    public QuoteRule SingleQuote { get; init; } = QuoteRule.Char;
    /// <summary>Triple double quotes open a multi-line raw string.</summary>
    public bool TripleQuotes { get; init; }
    /// <summary>An extra string delimiter used for both ends (Nix's <c>''</c>), multi-line.</summary>
    public string? LongString { get; init; }
    /// <summary>A prefix that makes the rest of the line a string (Zig's <c>\\</c>).</summary>
    public string? LineString { get; init; }
    /// <summary>Capitalised names are types (or constructors).</summary>
    public bool CapitalizedAreTypes { get; init; }
    /// <summary><c>name(</c> is a function call.</summary>
    public bool CallsAreFunctions { get; init; } = true;
    /// <summary>A name at the very start of a line is a definition (Haskell's top-level bindings and signatures).</summary>
    public bool LineStartNamesAreFunctions { get; init; }
    /// <summary>A name followed by <c>=</c> (Nix attributes) or <c>:</c> (GraphQL fields and arguments) is a property.</summary>
    public char? PropertyBefore { get; init; }
    /// <summary>Names may contain a prime (<c>x'</c>), as in Haskell and OCaml.</summary>
    public bool PrimesInNames { get; init; }
    /// <summary><c>@name</c>: an annotation (<see cref="TokenKind.Decorator"/>) or a builtin (Zig's <c>@import</c>).</summary>
    public TokenKind? AtName { get; init; }
    /// <summary><c>#name</c> is a keyword (Swift's <c>#if</c>, <c>#selector</c>).</summary>
    public bool HashKeywords { get; init; }
    /// <summary><c>$name</c> is a variable (GraphQL).</summary>
    public bool DollarVariables { get; init; }
}
