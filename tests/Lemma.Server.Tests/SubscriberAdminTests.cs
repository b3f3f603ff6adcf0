using System.Net;
using System.Text.RegularExpressions;

namespace Lemma.Server.Tests;

/// <summary>The admin page's subscribers: behind the login, searched by email or name, deleted with the session's form key, exported as CSV.</summary>
public class SubscriberAdminTests
{
    private static async Task<CommentedSite> WithSubscribers(Store store)
    {
        var site = await CommentedSite.Start("{ enabled: false }", extraConfig: "newsletter: true\n", store: store);
        await NewsletterTests.Subscribe(site, "ada@example.org", "Ada Lovelace");
        await NewsletterTests.Subscribe(site, "bob@example.org", "=HYPERLINK(\"http://evil.example\")");
        return site;
    }

    private static async Task<string> Get(CommentedSite site, string path, string? cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        var response = await site.Http.SendAsync(request);
        return $"{(int)response.StatusCode}\n{await response.Content.ReadAsStringAsync()}";
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task The_writer_finds_subscribers_by_email_or_name_and_deletes_one(Store store)
    {
        await using var site = await WithSubscribers(store);
        var cookie = await site.AdminLogIn();
        Assert.Contains("Newsletter subscribers", await Get(site, "_lemma/admin", cookie));
        var all = await Get(site, "_lemma/admin/subscribers", cookie);
        Assert.StartsWith("200\n", all);
        Assert.Contains("0 confirmed, 2 pending", all);
        var byName = await Get(site, "_lemma/admin/subscribers?q=LOVELACE", cookie);
        Assert.Contains("ada@example.org", byName);
        Assert.DoesNotContain("bob@example.org", byName);
        Assert.Contains("bob@example.org", await Get(site, "_lemma/admin/subscribers?q=bob%40", cookie));

        var key = Regex.Match(all, "name=\"key\" value=\"([^\"]+)\"").Groups[1].Value;
        var id = (await site.Query<long>("SELECT id FROM subscribers WHERE email = 'ada@example.org'")).Single();
        var refused = await site.AdminPost("_lemma/admin/subscribers/delete", new() { ["id"] = id.ToString(), ["key"] = "forged" }, cookie);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await site.AdminPost("_lemma/admin/subscribers/delete", new() { ["id"] = id.ToString(), ["key"] = key }, cookie, "https://evil.example")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await site.AdminPost("_lemma/admin/subscribers/delete", new() { ["id"] = id.ToString(), ["key"] = key })).StatusCode);
        Assert.Equal(2, (await site.Query<long>("SELECT COUNT(*) FROM subscribers")).Single());

        var deleted = await site.AdminPost("_lemma/admin/subscribers/delete", new() { ["id"] = id.ToString(), ["key"] = key }, cookie);
        Assert.Equal(HttpStatusCode.SeeOther, deleted.StatusCode);
        Assert.Equal(["bob@example.org"], await site.Query<string>("SELECT email FROM subscribers"));
    }

    [Fact]
    public async Task Without_a_session_the_list_and_the_export_show_the_login_only()
    {
        await using var site = await WithSubscribers(Store.Sqlite);
        await site.SetAdminPassword("correct horse battery");
        foreach (var path in new[] { "_lemma/admin/subscribers", "_lemma/admin/subscribers.csv" })
        {
            var page = await Get(site, path, "lemma_admin=forged");
            Assert.StartsWith("403\n", page);
            Assert.DoesNotContain("ada@example.org", page);
        }
    }

    [Fact]
    public async Task The_export_is_one_csv_row_per_subscriber_and_a_name_cannot_start_a_formula()
    {
        await using var site = await WithSubscribers(Store.Sqlite);
        var csv = await Get(site, "_lemma/admin/subscribers.csv", await site.AdminLogIn());
        var lines = csv.Split('\n', 2)[1].Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("email,name,state,source,created,confirmed_at,unsubscribed_at,bounced_at", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^bob@example\.org,""'=HYPERLINK\(""""http://evil\.example""""\)"",pending,form,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ,,,$", lines[1]);
        Assert.StartsWith("ada@example.org,Ada Lovelace,pending,form,", lines[2]);
    }

    [Fact]
    public async Task Reader_names_from_the_xss_corpus_are_shown_as_text_on_the_subscribers_page()
    {
        await using var site = await CommentedSite.Start("{ enabled: false }", extraConfig: "newsletter: { per_ip: 10000 }\n");
        // The ones a name may be (one line of at most 100 characters); the others are refused before they are stored.
        var vectors = XssCorpusTests.Corpus().Where(v => v.Text.Trim().Length is > 0 and <= 100 && !v.Text.Any(char.IsControl)).ToList();
        for (var i = 0; i < vectors.Count; i++)
            Assert.Equal(HttpStatusCode.OK, (await NewsletterTests.Subscribe(site, $"x{i}@example.org", vectors[i].Text)).StatusCode);
        var cookie = await site.AdminLogIn();
        var page = await Get(site, "_lemma/admin/subscribers", cookie);
        Assert.Null(XssCorpusTests.Problem(page.Split('\n', 2)[1]));
        Assert.Equal(vectors.Count, Regex.Matches(page, "<tr><td>x\\d+@example\\.org</td>").Count);
        Assert.Null(XssCorpusTests.Problem((await Get(site, "_lemma/admin/subscribers?q=%3Cscript", cookie)).Split('\n', 2)[1]));
    }
}
