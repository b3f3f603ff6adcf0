using System.Net;
using System.Text.RegularExpressions;
using Lemma.Server.Admin;

namespace Lemma.Server.Tests;

/// <summary>The admin page: a password login and the comments waiting for approval.</summary>
public class AdminTests
{
    private const string Password = "correct horse battery";

    private static async Task<HttpResponseMessage> Send(CommentedSite site, string path, Dictionary<string, string> fields, string? cookie = null, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Origin", origin ?? site.Origin);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        return await site.Http.SendAsync(request);
    }

    private static async Task<string> Get(CommentedSite site, string path, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await (await site.Http.SendAsync(request)).Content.ReadAsStringAsync();
    }

    private static async Task<string> LogIn(CommentedSite site)
    {
        var response = await Send(site, "_lemma/admin/login", new() { ["password"] = Password });
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Without_a_password_the_admin_page_says_how_to_set_one(Store store)
    {
        await using var site = await CommentedSite.Start(store: store);
        var page = await site.Http.GetAsync("_lemma/admin");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("lemma admin set-password", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(site, "_lemma/admin/login", new() { ["password"] = "" })).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task The_writer_logs_in_with_a_strict_session_cookie_and_approves_a_waiting_comment(Store store)
    {
        await using var site = await CommentedSite.Start(store: store);
        await site.SetAdminPassword(Password);
        await site.Comment(name: "<b>Ada</b>", body: "Waiting *here*.");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(site, "_lemma/admin/login", new() { ["password"] = "wrong password" })).StatusCode);

        var login = await Send(site, "_lemma/admin/login", new() { ["password"] = Password });
        var setCookie = login.Headers.GetValues("Set-Cookie").Single().ToLowerInvariant();
        foreach (var part in new[] { "httponly", "secure", "samesite=strict", "path=/_lemma/admin" }) Assert.Contains(part, setCookie);
        var cookie = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];

        var page = await Get(site, "_lemma/admin", cookie);
        Assert.Contains("1 comment awaiting approval", page);
        Assert.Contains("&lt;b&gt;Ada&lt;/b&gt;", page);
        Assert.Contains("<em>here</em>", page);
        var key = Regex.Match(page, "name=\"key\" value=\"([^\"]+)\"").Groups[1].Value;

        Assert.Equal(HttpStatusCode.BadRequest, (await Send(site, "_lemma/admin/moderate", new() { ["id"] = "1", ["action"] = "approve", ["key"] = "forged" }, cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(site, "_lemma/admin/moderate", new() { ["id"] = "1", ["action"] = "approve", ["key"] = key })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(site, "_lemma/admin/moderate", new() { ["id"] = "1", ["action"] = "approve", ["key"] = key }, cookie, "https://evil.example")).StatusCode);
        Assert.Empty(await site.Server.Comments!.Approved(CommentedSite.Post));

        Assert.Equal(HttpStatusCode.SeeOther, (await Send(site, "_lemma/admin/moderate", new() { ["id"] = "1", ["action"] = "approve", ["key"] = key }, cookie)).StatusCode);
        Assert.Single(await site.Server.Comments.Approved(CommentedSite.Post));
        Assert.Contains("0 comments awaiting approval", await Get(site, "_lemma/admin", cookie));

        await Send(site, "_lemma/admin/logout", [], cookie);
        Assert.Contains("name=\"password\"", await Get(site, "_lemma/admin", cookie));
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task After_five_wrong_passwords_even_the_right_one_waits_15_minutes(Store store)
    {
        await using var site = await CommentedSite.Start(store: store);
        await site.SetAdminPassword(Password);
        for (var i = 0; i < AdminSessions.MaxFailures; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await Send(site, "_lemma/admin/login", new() { ["password"] = $"guess {i}" })).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Send(site, "_lemma/admin/login", new() { ["password"] = Password })).StatusCode);
        site.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.NotEmpty(await LogIn(site));
    }

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_login_from_another_sites_page_is_refused(Store store)
    {
        await using var site = await CommentedSite.Start(store: store);
        await site.SetAdminPassword(Password);
        var response = await Send(site, "_lemma/admin/login", new() { ["password"] = Password }, origin: "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public void The_password_is_kept_as_a_salted_pbkdf2_hash()
    {
        var first = AdminPassword.Hash(Password);
        Assert.StartsWith("pbkdf2-sha256$600000$", first);
        Assert.NotEqual(first, AdminPassword.Hash(Password));
        Assert.DoesNotContain(Password, first);
        Assert.True(AdminPassword.Verify(Password, first));
        Assert.False(AdminPassword.Verify(Password + "!", first));
    }
}
