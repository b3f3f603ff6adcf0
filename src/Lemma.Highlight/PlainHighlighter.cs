using System.Net;

namespace Lemma.Highlight;

/// <summary>Escapes code without highlighting; what unknown languages get.</summary>
public sealed class PlainHighlighter : IHighlighter
{
    public bool Supports(string language) => false;

    public HighlightedCode Highlight(string code, string language) =>
        new(language, code.Replace("\r\n", "\n").TrimEnd('\n').Split('\n').Select(l => WebUtility.HtmlEncode(l)).ToArray(), false);
}
