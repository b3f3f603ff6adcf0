using Lemma.Content;
using Lemma.Markdown;

namespace Lemma.Build;

/// <summary>
/// A kind of content file (Markdown, Jupyter notebook): says which pages it renders and renders one body
/// to an HTML fragment. Implementations are built once per build and called from many threads.
/// </summary>
public interface IContentFormat
{
    bool Accepts(PageSource page);

    RenderedContent Render(PageSource page);
}
