using System.Collections.Immutable;
using Lemma.Diagnostics;

namespace Lemma.Markdown;

/// <summary>
/// A page body turned into an HTML fragment, with what the page templates and checks need from it.
/// </summary>
public sealed record RenderedContent
{
    /// <summary>The body as HTML; held as <see cref="Utf8"/>, so reading this decodes it.</summary>
    public required string Html { get => Utf8.ToString(); init => Utf8 = Utf8Html.From(value); }
    public Utf8Html Utf8 { get; private init; } = Utf8Html.Empty;
    /// <summary>HTML before &lt;!--more--&gt;, else the first paragraph; null when the body has neither.</summary>
    public string? SummaryHtml { get; init; }
    public ImmutableArray<TocEntry> Toc { get; init; } = [];
    /// <summary>Words of prose and code (see README: how words are counted).</summary>
    public int WordCount { get; init; }
    public bool HasMath { get; init; }
    public bool HasCode { get; init; }
    /// <summary>Link targets as written (href and src), for the model's link checks and `lemma check`.</summary>
    public ImmutableArray<LinkReference> Links { get; init; } = [];
    /// <summary>Every id given to an element (headings, footnotes, equations), for anchor checks.</summary>
    public ImmutableArray<string> Anchors { get; init; } = [];
    public ImmutableArray<Diagnostic> Diagnostics { get; init; } = [];
    /// <summary>Code blocks in languages the highlighter does not know; the build warns once per language.</summary>
    public ImmutableArray<LanguageUse> UnknownLanguages { get; init; } = [];
    /// <summary>Files the body made (a notebook's images), written beside the page.</summary>
    public ImmutableArray<PageResource> Resources { get; init; } = [];
}

/// <summary>A file written in the page's URL folder: its name there ("post-cell3-1.png") and its bytes.</summary>
public sealed record PageResource(string Name, byte[] Bytes);

public sealed record TocEntry(int Level, string Id, string Text);

/// <summary>A link or image in a body, with its position in the source file.</summary>
public sealed record LinkReference(string Target, bool IsImage, SourceSpan Span);
