using Lemma.Newsletter;
using static System.Net.WebUtility;

namespace Lemma.Server.Newsletter;

/// <summary>An issue cut once at its unsubscribe slots: each subscriber's copy is the parts joined by their own link,
/// with no search through the issue per message.</summary>
internal sealed class IssueTemplate(Issue issue)
{
    public string Subject { get; } = issue.Subject;
    public SlottedText Text { get; } = new(issue.Text, PostEmail.UnsubscribeSlot);
    public SlottedText Html { get; } = new(issue.Html, HtmlEncode(PostEmail.UnsubscribeSlot));
}

internal sealed class SlottedText(string text, string slot)
{
    private readonly string[] parts = text.Split(slot);

    /// <summary>The text with <paramref name="value"/> in every slot.</summary>
    public string With(string value) => string.Join(value, parts);
}
