using Lemma.Diagnostics;
using Markdig.Syntax;

namespace Lemma.Markdown.Attributes;

/// <summary>
/// What the attribute readers found while one document parsed: kramdown's attribute list definitions, by name, and
/// warnings at body positions. It lives in the document (Markdig's parsers are shared) until <see cref="Report"/>.
/// </summary>
public sealed class AttributeNotes
{
    private static readonly object Key = typeof(AttributeNotes);

    public Dictionary<string, AttributeList> Definitions { get; } = new(StringComparer.Ordinal);
    internal List<(int Line, int Column, string Message)> Warnings { get; } = [];
    /// <summary>Whether the pass that attaches block IALs is hooked to this document already.</summary>
    internal bool Hooked { get; set; }

    public static AttributeNotes Of(MarkdownDocument document)
    {
        if (document.GetData(Key) is AttributeNotes notes) return notes;
        notes = new AttributeNotes();
        document.SetData(Key, notes);
        return notes;
    }

    public void Warn(int line, int column, string message) => Warnings.Add((line, column, message));

    /// <summary>The document's warnings as diagnostics of <paramref name="page"/>.</summary>
    public static void Report(MarkdownDocument document, PageContext page)
    {
        if (document.GetData(Key) is not AttributeNotes notes) return;
        foreach (var (line, column, message) in notes.Warnings) page.Diagnostics.Add(Diagnostic.Warning(page.At(line, column), message));
    }
}
