using Markdig.Extensions.TaskLists;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace Lemma.Markdown.TaskLists;

/// <summary>Task list boxes that screen readers can name: a disabled checkbox labelled "done" or "to do".</summary>
public sealed class TaskListHtml : HtmlObjectRenderer<TaskList>
{
    protected override void Write(HtmlRenderer renderer, TaskList task) =>
        renderer.Write(task.Checked
            ? "<input type=\"checkbox\" disabled checked aria-label=\"done\">"
            : "<input type=\"checkbox\" disabled aria-label=\"to do\">");
}
