using System.Net;

namespace Lemma.Server.Tests;

/// <summary>Approved comments in the served pages: in the post's HTML, threaded, counted on the lists, and the form only
/// where a post takes comments.</summary>
public class CommentPageTests
{
    [Fact]
    public async Task A_post_shows_the_form_and_no_comments_until_one_is_approved()
    {
        await using var site = await CommentedSite.Start();
        var page = await site.Http.GetStringAsync("posts/a/");
        Assert.Contains("id=\"comments\"", page);
        Assert.Contains("<form class=\"comment-form\" method=\"post\" action=\"/_lemma/comments\">", page);
        Assert.Contains("name=\"post\" value=\"/posts/a/\"", page);
        Assert.DoesNotContain("class=\"comment-list\"", page);
        Assert.Contains("id=\"comment-pending\"", page);
    }

    [Fact]
    public async Task The_notice_after_posting_links_to_the_page_where_its_author_changes_it_without_a_script()
    {
        await using var site = await CommentedSite.Start();
        var page = await site.Http.GetStringAsync("posts/a/");
        var notice = page[page.IndexOf("id=\"comment-pending\"", StringComparison.Ordinal)..];
        Assert.Contains("<a href=\"/_lemma/comments/edit\" rel=\"nofollow\">change or delete it</a>", notice[..notice.IndexOf("</p>", StringComparison.Ordinal)]);
    }

    [Fact]
    public async Task A_site_hosted_elsewhere_gets_a_form_and_links_to_its_comment_server_and_a_policy_that_lets_them_through()
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, moderation: none, server: 'https://comments.example.org/' }");
        await site.Comment(body: "Hello.");
        var page = await site.Http.GetStringAsync("posts/a/");
        Assert.Contains("<form class=\"comment-form\" method=\"post\" action=\"https://comments.example.org/_lemma/comments\">", page);
        Assert.Contains("href=\"https://comments.example.org/_lemma/comments/form?post=%2Fposts%2Fa%2F&amp;parent=1\"", page);
        Assert.Contains("href=\"https://comments.example.org/_lemma/comments/edit\"", page);
        Assert.Contains("connect-src &#x27;self&#x27; https://comments.example.org;", page);
        Assert.Contains("form-action &#x27;self&#x27; https://comments.example.org\"", page);
        // A page without the form keeps the site's one policy.
        Assert.Contains("connect-src &#x27;self&#x27;;", await site.Http.GetStringAsync("posts/"));
    }

    [Fact]
    public async Task A_comment_that_needs_no_approval_is_in_the_post_when_the_reader_comes_back_and_counted_on_the_lists()
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, moderation: none }");
        var response = await site.Comment(name: "Ada Lovelace", body: "Nice *post*.", website: "https://ada.example/");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var anchor = response.Headers.Location!.ToString().Split('#')[1];

        var page = await site.Http.GetStringAsync("posts/a/");
        Assert.Contains($"<li id=\"{anchor}\" class=\"comment depth-0\">", page);
        Assert.Contains("<span class=\"avatar\" aria-hidden=\"true\">AL</span>", page);
        Assert.Contains("<a class=\"comment-author\" href=\"https://ada.example/\" rel=\"nofollow ugc noopener\">Ada Lovelace</a>", page);
        Assert.Contains("<p>Nice <em>post</em>.</p>", page);
        Assert.Contains("1 comment</h2>", page);
        Assert.DoesNotContain("ada@example.org", page);
        Assert.Contains("#comments-title\">1 comment</a>", await site.Http.GetStringAsync("posts/"));
        Assert.DoesNotContain("comment-list", await site.Http.GetStringAsync("posts/b/"));
    }

    [Fact]
    public async Task A_reply_follows_its_parent_one_level_in()
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, moderation: none }");
        var first = (await site.Comment(body: "Question?")).Headers.Location!.ToString().Split("#comment-")[1];
        await site.Comment(name: "Writer", email: "w@example.org", body: "Answer.", more: new() { ["parent"] = first });
        await site.Comment(name: "Bob", email: "bob@example.org", body: "Later.");

        var page = await site.Http.GetStringAsync("posts/a/");
        var question = page.IndexOf("Question?", StringComparison.Ordinal);
        var answer = page.IndexOf("Answer.", StringComparison.Ordinal);
        var later = page.IndexOf("Later.", StringComparison.Ordinal);
        Assert.True(question < answer && answer < later, "each reply after its parent, then the next comment");
        Assert.Contains("class=\"comment depth-1\"", page);
        Assert.Contains("3 comments</h2>", page);
    }

    [Fact]
    public async Task The_writers_reply_shows_a_visible_author_badge_in_the_post_and_a_reader_using_the_writers_name_and_email_gets_none()
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, moderation: none }");
        await site.Comment(body: "Question?");
        await site.Comment(name: "Writer", email: "writer@example.org", body: "Not really the writer.");
        var cookie = await site.AdminLogIn();
        var reply = await site.AdminPost("_lemma/admin/reply", new() { ["id"] = "1", ["key"] = await site.AdminKey(cookie), ["body"] = "The writer's answer." }, cookie);
        Assert.Equal(HttpStatusCode.SeeOther, reply.StatusCode);

        var page = await site.Http.GetStringAsync("posts/a/");
        Assert.Contains("<li id=\"comment-3\" class=\"comment depth-1 comment-by-author\">", page);
        Assert.Contains("<span class=\"comment-author\">Writer</span> <span class=\"comment-badge\">Author</span>", page);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "comment-badge"));
        Assert.Contains("<li id=\"comment-2\" class=\"comment depth-0\">", page);
        Assert.Contains("3 comments</h2>", page);
    }

    [Fact]
    public async Task A_post_with_comments_false_takes_none_and_shows_no_form()
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, moderation: none }");
        site.Site.Write("content/posts/a.md", "---\ntitle: A\ndate: 2024-01-01\ncomments: false\n---\n\nA post.\n");
        site.Site.Server.Host.Rebuild(["content/posts/a.md"]);
        var page = await site.Http.GetStringAsync("posts/a/");
        Assert.DoesNotContain("id=\"comments\"", page);
        Assert.DoesNotContain("comment-form", page);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Http.GetAsync("_lemma/comments/form?post=/posts/a/")).StatusCode);
        Assert.NotEqual(HttpStatusCode.SeeOther, (await site.Comment(token: "none")).StatusCode);
    }

    [Fact]
    public async Task Approved_comments_are_in_the_pages_again_after_a_restart()
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, moderation: none }");
        await site.Comment(body: "Kept.");
        await site.Site.Restart(configure: site.Configure(null));
        Assert.Contains("Kept.", await site.Http.GetStringAsync("posts/a/"));
    }
}
