using System.Net;
using System.Text.RegularExpressions;

namespace Lemma.Server.Tests;

/// <summary>The newsletter's subscribers: double opt-in by mail, answers that never tell who is subscribed, spam checks,
/// the unsubscribe link (and its one-click POST), erasure on request; SQLite and PostgreSQL alike.</summary>
public class NewsletterTests
{
    private const string Newsletter = "newsletter: { name: Notes Weekly, per_ip: 3 }\n";

    private static Task<CommentedSite> Start(Store store = Store.Sqlite, bool production = false, Func<ServerOptions, ServerOptions>? configure = null, string smtp = "") =>
        CommentedSite.Start("{ enabled: false }", production, configure, Newsletter + smtp, store);

    /// <summary>Posts the subscribe form as the site's own page does (Origin set).</summary>
    public static Task<HttpResponseMessage> Subscribe(CommentedSite site, string email, string name = "", Dictionary<string, string>? more = null, string? origin = null)
    {
        var fields = new Dictionary<string, string> { ["email"] = email, ["name"] = name };
        foreach (var (key, value) in more ?? []) fields[key] = value;
        var request = new HttpRequestMessage(HttpMethod.Post, "_lemma/newsletter/subscribe") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Origin", origin ?? site.Origin);
        return site.Http.SendAsync(request);
    }

    /// <summary>Waits until the outbox has sent everything, then gives the printed mail to <paramref name="to"/>, oldest first.</summary>
    private static async Task<List<string>> Printed(CommentedSite site, string to)
    {
        for (var i = 0; i < 400 && (await site.Query<long>("SELECT COUNT(*) FROM outbox WHERE sent IS NULL")).Single() > 0; i++) await Task.Delay(25);
        return [.. site.MailLog.ToString().Split("mail (no SMTP set; printed instead of sent)\n").Where(m => m.StartsWith("To: " + to + "\n", StringComparison.Ordinal))];
    }

    private static string Link(string mail, string kind) => CommentedSite.Local(Regex.Match(mail, @"https?://\S+/_lemma/newsletter/" + kind + @"\?\S+").Value);

    /// <summary>Opens a mailed link (its page changes nothing: <paramref name="beforeThePress"/> checks that), then presses its button.</summary>
    private static async Task<HttpResponseMessage> Press(CommentedSite site, string link, Func<Task>? beforeThePress = null)
    {
        var page = await site.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        if (beforeThePress is not null) await beforeThePress();
        var html = await page.Content.ReadAsStringAsync();
        var fields = Regex.Matches(html, "name=\"(\\w+)\" value=\"([^\"]*)\"").ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        var request = new HttpRequestMessage(HttpMethod.Post, Regex.Match(html, "<form method=\"post\" action=\"/([^\"]+)\"").Groups[1].Value) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Origin", site.Origin);
        return await site.Http.SendAsync(request);
    }

    private static async Task<string> State(CommentedSite site, string email) =>
        (await site.Query<string>($"SELECT state FROM subscribers WHERE email = '{email}'")).SingleOrDefault() ?? "none";

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_reader_subscribes_confirms_by_the_mailed_link_and_is_welcomed(Store store)
    {
        await using var site = await Start(store);
        var answer = await Subscribe(site, "Ada@Example.org", "Ada Lovelace");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Check your mail", await answer.Content.ReadAsStringAsync());
        Assert.Equal("pending", await State(site, "ada@example.org"));
        var confirmation = Assert.Single(await Printed(site, "ada@example.org"));
        Assert.Contains("Subject: [Notes Weekly] Confirm your subscription", confirmation);
        Assert.DoesNotContain("ada%40", confirmation); // the link names the row, not the address

        var confirmed = await Press(site, Link(confirmation, "confirm"), async () => Assert.Equal("pending", await State(site, "ada@example.org")));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("Subscribed", await confirmed.Content.ReadAsStringAsync());
        Assert.Equal("confirmed", await State(site, "ada@example.org"));
        Assert.NotNull((await site.Query<long?>("SELECT confirmed_at FROM subscribers")).Single());
        Assert.Equal("Ada Lovelace", (await site.Query<string>("SELECT name FROM subscribers")).Single());
        var welcome = (await Printed(site, "ada@example.org"))[1];
        Assert.Contains("Subject: [Notes Weekly] Welcome", welcome);
        Assert.Contains("/_lemma/newsletter/unsubscribe?id=", welcome);

        // The button pressed again: the same page, no second welcome.
        Assert.Equal(HttpStatusCode.OK, (await Press(site, Link(confirmation, "confirm"))).StatusCode);
        Assert.Equal(2, (await Printed(site, "ada@example.org")).Count);
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task The_answer_is_the_same_for_a_subscribed_and_an_unknown_address_and_a_subscribed_one_stays_so(Store store)
    {
        await using var site = await Start(store);
        await Subscribe(site, "ada@example.org");
        await Press(site, Link(Assert.Single(await Printed(site, "ada@example.org")), "confirm"));
        site.Clock.Advance(TimeSpan.FromHours(2));

        var known = await Subscribe(site, "ada@example.org", "Someone Else");
        var unknown = await Subscribe(site, "bob@example.org", "Bob");
        Assert.Equal(unknown.StatusCode, known.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await known.Content.ReadAsStringAsync());
        Assert.Equal("confirmed", await State(site, "ada@example.org"));
        Assert.Equal("", (await site.Query<string>("SELECT name FROM subscribers WHERE email = 'ada@example.org'")).Single());
        // Only the address's owner learns it is subscribed already, from their own inbox.
        Assert.Contains("You are subscribed already", (await Printed(site, "ada@example.org"))[2]);
        Assert.Contains("Confirm your subscription", Assert.Single(await Printed(site, "bob@example.org")));
    }

    [Fact]
    public async Task Asking_again_within_the_hour_mails_nothing_more_so_the_form_cannot_flood_an_inbox()
    {
        await using var site = await Start();
        await Subscribe(site, "ada@example.org");
        var again = await Subscribe(site, "ada@example.org");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(await Printed(site, "ada@example.org"));
        site.Clock.Advance(TimeSpan.FromMinutes(61));
        await Subscribe(site, "ada@example.org");
        Assert.Equal(2, (await Printed(site, "ada@example.org")).Count);
    }

    [Fact]
    public async Task A_filled_honeypot_is_answered_as_usual_and_nothing_is_stored_or_mailed()
    {
        await using var site = await Start();
        var answer = await Subscribe(site, "ada@example.org", more: new() { ["url"] = "http://spam.example" });
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Check your mail", await answer.Content.ReadAsStringAsync());
        Assert.Empty(await site.Query<long>("SELECT id FROM subscribers"));
        Assert.Empty(await Printed(site, "ada@example.org"));
    }

    [Fact]
    public async Task Too_many_requests_from_one_address_are_refused_with_a_request_to_wait()
    {
        await using var site = await Start();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await Subscribe(site, $"r{i}@example.org")).StatusCode);
        var fourth = await Subscribe(site, "r3@example.org");
        Assert.Equal((HttpStatusCode)429, fourth.StatusCode);
        Assert.Contains("please wait", await fourth.Content.ReadAsStringAsync());
        Assert.Equal(3, (await site.Query<long>("SELECT COUNT(*) FROM subscribers")).Single());
    }

    [Theory]
    [InlineData("ada@example.org\r\nBcc: eve@example.org", "")]
    [InlineData("ada@example.org, eve@example.org", "")]
    [InlineData("Ada <ada@example.org>", "")]
    [InlineData("not an address", "")]
    [InlineData("ada@example.org", "Ada\r\nBcc: eve@example.org")]
    [InlineData("ada@example.org", "Ada\u0085Next line")]
    public async Task An_address_or_name_that_could_carry_a_header_is_refused_and_nothing_is_stored(string email, string name)
    {
        await using var site = await Start();
        var answer = await Subscribe(site, email, name);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("aria-invalid=\"true\"", await answer.Content.ReadAsStringAsync());
        Assert.Empty(await site.Query<long>("SELECT id FROM subscribers"));
        Assert.Empty(await site.Query<long>("SELECT id FROM outbox"));
    }

    [Fact]
    public async Task A_subscribe_post_from_another_site_is_refused()
    {
        await using var site = await Start();
        Assert.Equal(HttpStatusCode.Forbidden, (await Subscribe(site, "ada@example.org", origin: "https://evil.example")).StatusCode);
        Assert.Empty(await site.Query<long>("SELECT id FROM subscribers"));
    }

    [Fact]
    public async Task A_confirm_link_expires_after_two_days_and_a_changed_one_does_nothing()
    {
        await using var site = await Start();
        await Subscribe(site, "ada@example.org");
        var link = Link(Assert.Single(await Printed(site, "ada@example.org")), "confirm");
        Assert.Equal(HttpStatusCode.Forbidden, (await site.Http.GetAsync(Regex.Replace(link, "sig=.", "sig=%"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await site.Http.GetAsync(Regex.Replace(link, @"expires=\d+", "expires=99999999999"))).StatusCode);
        site.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Forbidden, (await site.Http.GetAsync(link)).StatusCode);
        Assert.Equal("pending", await State(site, "ada@example.org"));
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task The_welcome_mail_carries_list_unsubscribe_whose_one_click_post_unsubscribes_at_once(Store store)
    {
        using var smtp = netDumbster.smtp.Configuration.Configure().WithRandomPort().Build();
        await using var site = await Start(store, production: true, MailTests.Smtp(smtp.Configuration.Port), "smtp: { from: 'Notes <blog@example.org>' }\n");
        await Subscribe(site, "ada@example.org", "Ada");
        var confirm = Regex.Match((await SubscriptionTests.SentTo(site, smtp, "ada@example.org")).Single().TextBody!, @"https://\S+/confirm\?\S+").Value;
        Assert.StartsWith("https://example.org/_lemma/newsletter/confirm?id=", confirm);
        await Press(site, CommentedSite.Local(confirm));
        var welcome = (await SubscriptionTests.SentTo(site, smtp, "ada@example.org")).Single(m => m.Subject == "[Notes Weekly] Welcome");
        var stop = Regex.Match(welcome.TextBody!, @"https://\S+/unsubscribe\?\S+").Value;
        Assert.Equal($"<{stop}>, <mailto:blog@example.org?subject=Unsubscribe&body={Uri.EscapeDataString(stop)}>", welcome.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", welcome.Headers["List-Unsubscribe-Post"]);

        // Opening the link only shows its page; a one-click post with a changed signature does nothing.
        var page = await site.Http.GetAsync(CommentedSite.Local(stop));
        Assert.Contains("<button type=\"submit\">Unsubscribe</button>", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await SubscriptionTests.PostOneClick(site, stop.Replace("sig=", "sig=A"))).StatusCode);
        Assert.Equal("confirmed", await State(site, "ada@example.org"));

        Assert.Equal(HttpStatusCode.OK, (await SubscriptionTests.PostOneClick(site, stop)).StatusCode);
        Assert.Equal("unsubscribed", await State(site, "ada@example.org"));
        Assert.NotNull((await site.Query<long?>("SELECT confirmed_at FROM subscribers")).Single()); // kept, as the record of consent
        Assert.NotNull((await site.Query<long?>("SELECT unsubscribed_at FROM subscribers")).Single());
    }

    [Fact]
    public async Task The_unsubscribe_page_asks_first_and_its_button_unsubscribes()
    {
        await using var site = await Start();
        await Subscribe(site, "ada@example.org");
        await Press(site, Link(Assert.Single(await Printed(site, "ada@example.org")), "confirm"));
        var stop = Link((await Printed(site, "ada@example.org"))[1], "unsubscribe");
        var done = await Press(site, stop, async () => Assert.Equal("confirmed", await State(site, "ada@example.org")));
        Assert.Contains("Unsubscribed", await done.Content.ReadAsStringAsync());
        Assert.Equal("unsubscribed", await State(site, "ada@example.org"));
    }

    [Fact]
    public async Task Erasing_an_email_on_request_also_deletes_its_subscription()
    {
        await using var site = await Start();
        await Subscribe(site, "ada@example.org", "Ada");
        var ask = new HttpRequestMessage(HttpMethod.Post, "_lemma/comments/forget") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "ada@example.org" }) };
        ask.Headers.Add("Origin", site.Origin);
        Assert.Equal(HttpStatusCode.OK, (await site.Http.SendAsync(ask)).StatusCode);
        var erase = Regex.Match((await Printed(site, "ada@example.org")).Last(), @"https?://\S+/_lemma/comments/forget/confirm\?\S+").Value;
        Assert.Equal(HttpStatusCode.OK, (await Press(site, CommentedSite.Local(erase))).StatusCode);
        Assert.Empty(await site.Query<long>("SELECT id FROM subscribers"));
        Assert.Empty(await site.Query<long>("SELECT id FROM subscribe_requests"));
    }

    [Fact]
    public async Task With_the_newsletter_alone_the_comment_form_is_not_served_and_kept_comments_stay_off_the_pages()
    {
        await using var site = await Start();
        Assert.Equal(HttpStatusCode.NotFound, (await site.Http.GetAsync("_lemma/comments/form?post=%2Fposts%2Fa%2F")).StatusCode);
        Assert.Null(site.Server.Comments);
        Assert.DoesNotContain("id=\"comments\"", await site.Http.GetStringAsync("posts/a/"));
        Assert.Contains("action=\"/_lemma/newsletter/subscribe\"", await site.Http.GetStringAsync("posts/a/"));
        Assert.StartsWith("newsletter on (data/comments.db); notifications to writer@example.org", site.Server.CommentsStatus);
    }

    [Fact]
    public async Task Without_newsletter_in_site_yaml_there_is_no_subscribe_endpoint()
    {
        await using var site = await CommentedSite.Start();
        Assert.Equal(HttpStatusCode.NotFound, (await site.Http.GetAsync("_lemma/newsletter/subscribe")).StatusCode);
        Assert.Contains((await Subscribe(site, "ada@example.org")).StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        Assert.Empty(await site.Query<long>("SELECT id FROM subscribers"));
    }
}
