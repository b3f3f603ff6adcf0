using Lemma.Server.Comments;
using static System.Net.WebUtility;

namespace Lemma.Server.Newsletter;

/// <summary>The server's own subscribe form: for a reader without the theme's form, and given back with a problem beside its field.</summary>
public static class NewsletterPages
{
    public static string Form(CommentService service, string email, string name, (string Field, string Message)? problem, string? notice = null)
    {
        string Invalid(string field) => problem?.Field == field ? $" aria-invalid=\"true\" aria-describedby=\"{field}-error\"" : "";
        string Problem(string field) => problem?.Field == field ? $"<br><span class=\"error\" id=\"{field}-error\">{HtmlEncode(problem.Value.Message)}</span>" : "";
        return CommentPages.Message(service.Config.Title, "Subscribe", $"Get new posts of {NewsletterMail.Name(service)} by email. You confirm by mail; every mail has a link to unsubscribe.")
            .Replace("</main>", $"""
                {(notice is null ? "" : $"<p class=\"notice\" role=\"alert\">{HtmlEncode(notice)}</p>")}
                <form method="post" action="{SubscriberLinks.Path}/subscribe">
                <p><label for="email">Email</label><br><input id="email" name="email" type="email" value="{HtmlEncode(email)}" maxlength="{CommentForm.MaxEmail}" autocomplete="email" required{Invalid("email")}>{Problem("email")}</p>
                <p><label for="name">Name (optional)</label><br><input id="name" name="name" value="{HtmlEncode(name)}" maxlength="{CommentForm.MaxName}" autocomplete="name"{Invalid("name")}>{Problem("name")}</p>
                <div hidden aria-hidden="true"><label>Leave this empty <input name="{CommentForm.TrapField}" tabindex="-1" autocomplete="off"></label></div>
                <p><button type="submit">Subscribe</button></p>
                </form>
                </main>
                """, StringComparison.Ordinal);
    }
}
