using System.Net;
using Lemma.Server.Comments;

namespace Lemma.Server.Tests;

/// <summary>Comments from the reader's side: the form, what a post is answered with, and what gets stored.</summary>
public class CommentTests
{
    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_first_comment_waits_for_approval_and_the_reader_is_sent_back_to_the_post_with_a_notice(Store store)
    {
        await using var site = await CommentedSite.Start(store: store);
        var response = await site.Comment();
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        // ?mine=: the hint that this browser may change comment 1 until then (Unix ms), for the theme's script.
        Assert.Matches(@"^/posts/a/\?mine=1\.[0-9]{13}#comment-pending$", response.Headers.Location!.ToString());
        Assert.Empty(await site.Server.Comments!.Approved(CommentedSite.Post));
        var stored = Assert.Single(await site.Query<(string, string, string)>("SELECT name, email, status FROM comments"));
        Assert.Equal(("Ada", "ada@example.org", "pending"), stored);
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Approving_from_the_mails_link_takes_the_confirm_pages_button_and_then_the_same_email_is_published_at_once(Store store)
    {
        await using var site = await CommentedSite.Start(store: store);
        var changed = new List<string>();
        site.Server.Comments!.Changed += post => { lock (changed) changed.Add(post); };
        await site.Comment(body: "First!");
        var link = CommentedSite.Local((await site.Links("approve")).Single());

        var confirm = await site.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var page = await confirm.Content.ReadAsStringAsync();
        Assert.Contains("First!", page);
        Assert.DoesNotContain("ada@example.org", page);
        Assert.Empty(await site.Server.Comments.Approved(CommentedSite.Post)); // the GET changed nothing

        var query = System.Web.HttpUtility.ParseQueryString(new Uri(site.Server.Address, link).Query);
        var approve = new HttpRequestMessage(HttpMethod.Post, "_lemma/comments/moderate")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = query["id"]!, ["action"] = "approve", ["sig"] = query["sig"]! }),
        };
        approve.Headers.Add("Origin", site.Origin);
        Assert.Equal(HttpStatusCode.OK, (await site.Http.SendAsync(approve)).StatusCode);
        var shown = Assert.Single(await site.Server.Comments.Approved(CommentedSite.Post));
        Assert.Equal(("Ada", "<p>First!</p>", $"comment-{shown.Id}"), (shown.Author, shown.Html, shown.Anchor));
        lock (changed) Assert.Equal([CommentedSite.Post], changed);

        var second = await site.Comment(body: "And again.");
        Assert.Matches($@"^/posts/a/\?mine={shown.Id + 1}\.[0-9]{{13}}#comment-{shown.Id + 1}$", second.Headers.Location!.ToString());
        Assert.Equal(2, (await site.Server.Comments.Approved(CommentedSite.Post)).Count);
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task The_comments_json_follows_each_approval_and_removal_at_once(Store store)
    {
        await using var site = await CommentedSite.Start(store: store);
        async Task<int> Shown() => System.Text.Json.JsonDocument.Parse(await site.Http.GetStringAsync("_lemma/comments?post=/posts/a/")).RootElement.GetArrayLength();
        await site.Comment(body: "Waiting.");
        Assert.Equal(0, await Shown());
        Assert.Equal(0, await Shown()); // read twice: the second answer comes from what the first made

        async Task Decide(string action)
        {
            var query = System.Web.HttpUtility.ParseQueryString(new Uri(site.Server.Address, CommentedSite.Local((await site.Links(action)).Single())).Query);
            var request = new HttpRequestMessage(HttpMethod.Post, "_lemma/comments/moderate")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = query["id"]!, ["action"] = action, ["sig"] = query["sig"]! }),
            };
            request.Headers.Add("Origin", site.Origin);
            Assert.Equal(HttpStatusCode.OK, (await site.Http.SendAsync(request)).StatusCode);
        }
        await Decide("approve");
        Assert.Equal(1, await Shown());
        await Decide("reject");
        Assert.Equal(0, await Shown());
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_link_whose_signature_does_not_match_its_comment_and_action_opens_nothing(Store store)
    {
        await using var site = await CommentedSite.Start(store: store);
        await site.Comment();
        var link = CommentedSite.Local((await site.Links("reject")).Single());
        Assert.Equal(HttpStatusCode.Forbidden, (await site.Http.GetAsync(link.Replace("action=reject", "action=approve"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await site.Http.GetAsync(link.Replace("id=1", "id=2"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.Http.GetAsync(link)).StatusCode);
    }

    [Theory]
    [InlineData("all", "pending", "pending")]
    [InlineData("first", "pending", "approved")]
    [InlineData("none", "approved", "approved")]
    public async Task Moderation_all_holds_every_comment_first_a_new_emails_first_and_none_no_comment(string moderation, string first, string afterApproval)
    {
        await using var site = await CommentedSite.Start($"{{ min_seconds: 0, moderation: {moderation} }}");
        await site.Comment(body: "One.");
        Assert.Equal(first, (await site.Query<string>("SELECT status FROM comments")).Single());
        await site.Server.CommentService!.Store.Moderate(1, CommentStatus.Approved, "test");
        await site.Comment(body: "Two.");
        Assert.Equal(afterApproval, (await site.Query<string>("SELECT status FROM comments WHERE id = 2")).Single());
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_wrong_field_gives_the_form_back_with_what_was_typed_and_each_error_beside_its_field(Store store)
    {
        await using var site = await CommentedSite.Start(store: store);
        var response = await site.Comment(name: "", email: "not an address", website: "javascript:alert(1)", body: "My <b>thoughts</b> & more");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("My &lt;b&gt;thoughts&lt;/b&gt; &amp; more</textarea>", page);
        Assert.Contains("value=\"not an address\"", page);
        Assert.Contains("<span class=\"error\" id=\"name-error\">Please give your name.</span>", page);
        Assert.Contains("id=\"email-error\"", page);
        Assert.Contains("<span class=\"error\" id=\"website-error\">Your website must be an address starting with https://", page);
        Assert.DoesNotContain("body-error", page);
        Assert.Contains("name=\"token\" value=\"", page); // a fresh token: the corrected form can be sent
        Assert.Empty(await site.Query<long>("SELECT id FROM comments"));
    }

    [Theory]
    [InlineData(5001, 0, "at most 5000 fit")]
    [InlineData(10, 4, "At most 3 links fit in a comment.")]
    public async Task Bodies_over_the_length_or_link_limit_are_refused_with_the_limit_named(int length, int links, string message)
    {
        await using var site = await CommentedSite.Start();
        var body = new string('x', length) + string.Concat(Enumerable.Range(0, links).Select(i => $" https://example.com/{i}"));
        var response = await site.Comment(body: body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_filled_honeypot_is_answered_as_a_comment_awaiting_approval_and_stores_nothing(Store store)
    {
        await using var site = await CommentedSite.Start(store: store);
        var response = await site.Comment(more: new() { ["url"] = "https://spam.example/" });
        Assert.Equal("/posts/a/#comment-pending", response.Headers.Location!.ToString());
        Assert.Empty(await site.Query<long>("SELECT id FROM comments"));
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_form_sent_sooner_than_a_person_writes_or_without_a_token_comes_back_to_be_sent_again(Store store)
    {
        // A minute, so that no slow machine passes it between two requests.
        await using var site = await CommentedSite.Start("{ min_seconds: 60 }", store: store);
        var token = await site.Token();
        var quick = await site.Comment(token: token, body: "Typed fast.");
        Assert.Equal(HttpStatusCode.BadRequest, quick.StatusCode);
        Assert.Contains("That was quick!", await quick.Content.ReadAsStringAsync());
        Assert.Contains("Typed fast.</textarea>", await quick.Content.ReadAsStringAsync());

        var forged = await site.Comment(token: "1.2.3");
        Assert.Contains("Please check your comment and send it again.", await forged.Content.ReadAsStringAsync());
        site.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.SeeOther, (await site.Comment(token: token)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await site.Comment(token: token, post: "/posts/b/", body: "Elsewhere.")).StatusCode); // a token fits its own post only
        site.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(HttpStatusCode.BadRequest, (await site.Comment(token: token, body: "Expired.")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_form_without_a_token_comes_back_filled_in_and_one_more_click_posts_it(Store store)
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 60 }", store: store);
        var first = await site.Comment(token: "", body: "From a page whose form had no token.");
        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        var page = await first.Content.ReadAsStringAsync();
        Assert.Contains("From a page whose form had no token.</textarea>", page);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"token\" value=\"([^\"]+)\"").Groups[1].Value;
        site.Clock.Advance(TimeSpan.FromSeconds(1.1));
        Assert.Equal(HttpStatusCode.SeeOther, (await site.Comment(token: token, body: "From a page whose form had no token.")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_comment_sent_twice_is_stored_once_and_the_same_text_on_another_post_is_refused(Store store)
    {
        await using var site = await CommentedSite.Start(store: store);
        var first = await site.Comment(body: "Same words.");
        var again = await site.Comment(body: "same   words.");
        // The same place, without the hint that the comment may be changed: only the first answer carries its cookie.
        Assert.Equal(first.Headers.Location!.ToString().Split('?')[0] + "#" + first.Headers.Location.ToString().Split('#')[1], again.Headers.Location!.ToString());
        var elsewhere = await site.Comment(body: "Same words.", post: "/posts/b/");
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Contains("You have posted this comment already", await elsewhere.Content.ReadAsStringAsync());
        Assert.Single(await site.Query<long>("SELECT id FROM comments"));
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Quick_comments_from_one_email_or_one_address_are_limited_and_the_text_is_kept(Store store)
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, per_email: 2, per_ip: 3 }", store: store);
        Assert.Equal(HttpStatusCode.SeeOther, (await site.Comment(body: "1")).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await site.Comment(body: "2")).StatusCode);
        var third = await site.Comment(body: "Three");
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("Three</textarea>", await third.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.SeeOther, (await site.Comment(email: "bob@example.org", body: "3")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await site.Comment(email: "eve@example.org", body: "4")).StatusCode);
        site.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(HttpStatusCode.SeeOther, (await site.Comment(body: "5")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Behind_a_local_reverse_proxy_the_address_it_forwarded_is_the_one_limited(Store store)
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, per_ip: 2 }", store: store);
        Task<HttpResponseMessage> From(string forwarded, string email) =>
            site.Comment(email: email, body: "From " + email, headers: r => r.Headers.Add("X-Forwarded-For", forwarded));
        Assert.Equal(HttpStatusCode.SeeOther, (await From("203.0.113.5", "a@example.org")).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await From("198.51.100.1, 203.0.113.5", "b@example.org")).StatusCode); // a client's own prefix is ignored
        Assert.Equal(HttpStatusCode.TooManyRequests, (await From("203.0.113.5", "c@example.org")).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await From("203.0.113.6", "d@example.org")).StatusCode);
    }

    [Theory]
    [InlineData("Buy CASINO chips", "", "ada@example.org")]
    [InlineData("See www.spam.example/offer", "", "ada@example.org")]
    [InlineData("Hello", "https://shop.spam.example/", "ada@example.org")]
    [InlineData("Hello", "", "ada@spam.example")]
    public async Task A_comment_matching_a_blocklist_is_kept_as_spam_without_a_mail_and_the_reader_learns_nothing(string body, string website, string email)
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, blocked_words: [casino], blocked_domains: [spam.example] }");
        var response = await site.Comment(body: body, website: website, email: email);
        Assert.Matches(@"^/posts/a/\?mine=[0-9]+\.[0-9]{13}#comment-pending$", response.Headers.Location!.ToString());
        Assert.Equal("spam", (await site.Query<string>("SELECT status FROM comments")).Single());
        Assert.Empty(await site.Query<long>("SELECT id FROM outbox"));
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Markdown_in_a_comment_becomes_safe_html_with_links_marked_nofollow_and_no_raw_html(Store store)
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, moderation: none }", store: store);
        await site.Comment(body: """
            # Not a heading
            **Bold** and `x < y` and [a link](https://example.com/) and [bad](javascript:alert(1)).
            <script>alert(1)</script> <img src=x onerror=alert(1)> ![i](https://example.com/i.png) $\href{javascript:alert(1)}{x}$

            > quoted
            - item
            """);
        var html = Assert.Single(await site.Server.Comments!.Approved(CommentedSite.Post)).Html;
        Assert.Contains("<p># Not a heading", html);
        Assert.Contains("<strong>Bold</strong>", html);
        Assert.Contains("<code>x &lt; y</code>", html);
        Assert.Contains("<a href=\"https://example.com/\" rel=\"nofollow ugc noopener\">a link</a>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.DoesNotMatch("=\"\\s*javascript:", html); // the formula's source stays as text in its annotation
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("<blockquote>", html);
        Assert.Contains("<li>item</li>", html);
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Code_in_a_comment_is_highlighted_and_dollar_math_becomes_mathml(Store store)
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, moderation: none }", store: store);
        await site.Comment(body: "Take $x^2$ and\n\n$$\\frac{a}{b}$$\n\n```python\ndef f(): return \"<b>\"\n```\n");
        var html = Assert.Single(await site.Server.Comments!.Approved(CommentedSite.Post)).Html;
        Assert.Contains("<msup><mi>x</mi><mn>2</mn></msup>", html);
        Assert.Contains("<mfrac>", html);
        Assert.Contains("display=\"block\"", html);
        Assert.Contains("<span class=\"hl-keyword\">def</span>", html);
        Assert.Contains("&lt;b&gt;", html);
        Assert.DoesNotContain("<b>", html);
    }

    [Theory]
    [InlineData("/posts/nope/")]
    [InlineData("/")]
    [InlineData("//evil.example/")]
    [InlineData("/posts/a")]
    public async Task Only_a_post_of_the_site_with_a_comments_section_takes_comments(string post)
    {
        await using var site = await CommentedSite.Start();
        Assert.Equal(HttpStatusCode.NotFound, (await site.Http.GetAsync("_lemma/comments/form?post=" + Uri.EscapeDataString(post))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Comment(post: post, token: "x")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_reply_names_an_approved_comment_of_the_same_post(Store store)
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, moderation: none }", store: store);
        await site.Comment(body: "Top.");
        Assert.Equal(HttpStatusCode.SeeOther, (await site.Comment(body: "Reply.", more: new() { ["parent"] = "1" })).StatusCode);
        var orphan = await site.Comment(body: "Reply to nothing.", more: new() { ["parent"] = "99" });
        Assert.Equal(HttpStatusCode.BadRequest, orphan.StatusCode);
        Assert.Contains("The comment you reply to is not there", await orphan.Content.ReadAsStringAsync());
        var reply = (await site.Server.Comments!.Approved(CommentedSite.Post))[1];
        Assert.Equal(1, reply.ParentId);
        await site.Comment(body: "On b.", post: "/posts/b/");
        Assert.Equal(new Dictionary<string, int> { ["/posts/a/"] = 2, ["/posts/b/"] = 1 }, await site.Server.Comments.ApprovedCounts());
    }

    [Fact]
    public async Task Comments_are_off_unless_site_yaml_turns_them_on()
    {
        await using var site = await ServedSite.Start(new Dictionary<string, string>
        {
            ["site.yaml"] = "title: Quiet\n",
            ["content/posts/a.md"] = "---\ntitle: A\n---\n\nA post.\n",
        });
        Assert.Null(site.Server.Comments);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Http.GetAsync("_lemma/comments/form?post=/posts/a/")).StatusCode);
        Assert.False(File.Exists(Path.Combine(site.Root, "data", "comments.db")));
    }
}
