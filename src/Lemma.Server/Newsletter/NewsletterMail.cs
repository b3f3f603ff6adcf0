using Lemma.Server.Comments;
using Lemma.Server.Mail;
using static System.Net.WebUtility;

namespace Lemma.Server.Newsletter;

/// <summary>The mail a subscribe request and a confirmation cause: the confirmation link, a note to an address that is
/// subscribed already (the requester's page is the same either way), and the welcome with its unsubscribe link and headers.</summary>
public static class NewsletterMail
{
    /// <summary>The newsletter's name: newsletter.name, else the site's title.</summary>
    public static string Name(CommentService service) => service.Config.Newsletter.Name.Length > 0 ? service.Config.Newsletter.Name : service.Config.Title;

    /// <summary>What a subscribe request mails to <paramref name="subscriber"/>: a confirm link, or, when confirmed already, a note.</summary>
    public static MailMessage ForRequest(CommentService service, Subscriber subscriber)
    {
        var name = Name(service);
        if (subscriber.State == SubscriberState.Confirmed)
        {
            var stop = service.SubscriberLinks.Unsubscribe(service.BaseUrl(), subscriber);
            return new MailMessage(subscriber.Email, $"[{name}] You are subscribed already",
                $"Someone, hopefully you, asked to subscribe this address to {name}. It is subscribed already: nothing changes.\n\nTo unsubscribe, open:\n{stop}",
                $"<p>Someone, hopefully you, asked to subscribe this address to {HtmlEncode(name)}. It is subscribed already: nothing changes.</p>\n<p><a href=\"{HtmlEncode(stop)}\">Unsubscribe</a></p>");
        }
        var link = service.SubscriberLinks.Confirm(service.BaseUrl(), subscriber, service.Clock.GetUtcNow());
        return new MailMessage(subscriber.Email, $"[{name}] Confirm your subscription",
            $"Someone, hopefully you, asked to subscribe this address to {name}. To confirm, open this link within two days:\n\n{link}\n\nIf it was not you, ignore this mail: nothing is sent to you.",
            $"<p>Someone, hopefully you, asked to subscribe this address to {HtmlEncode(name)}.</p>\n<p><a href=\"{HtmlEncode(link)}\">Confirm my subscription</a> (within two days)</p>\n<p>If it was not you, ignore this mail: nothing is sent to you.</p>");
    }

    public static MailMessage Welcome(CommentService service, Subscriber subscriber)
    {
        var name = Name(service);
        var stop = service.SubscriberLinks.Unsubscribe(service.BaseUrl(), subscriber);
        return new MailMessage(subscriber.Email, $"[{name}] Welcome",
            $"You are subscribed to {name}: new posts come to this address.\n\nTo unsubscribe, open:\n{stop}",
            $"<p>You are subscribed to {HtmlEncode(name)}: new posts come to this address.</p>\n<p><a href=\"{HtmlEncode(stop)}\">Unsubscribe</a></p>",
            service.SubscriberLinks.Headers(service.BaseUrl(), subscriber).ListUnsubscribe);
    }
}
