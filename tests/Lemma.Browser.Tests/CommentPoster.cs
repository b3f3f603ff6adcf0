using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Lemma.Browser.Tests;

/// <summary>Posts comments through a Lemma server's real form endpoint as a browser on the site's page does (its Origin
/// set), for the fixtures that fill a post with comments before Chromium reads it.</summary>
internal sealed partial class CommentPoster(HttpClient http, string origin)
{
    public async Task<string> Token(string post) =>
        TokenField().Match(await http.GetStringAsync("_lemma/comments/form?post=" + Uri.EscapeDataString(post))).Groups[1].Value;

    /// <summary>The server's answer: a 303 to the post when the comment was taken (with its edit cookie).</summary>
    public async Task<HttpResponseMessage> Post(string post, string token, string name, string body, string website = "", long? parent = null, string email = "reader@example.org")
    {
        var fields = new Dictionary<string, string> { ["post"] = post, ["token"] = token, ["name"] = name, ["email"] = email, ["website"] = website, ["body"] = body };
        if (parent is { } p) fields["parent"] = p.ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "_lemma/comments") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Origin", origin);
        return await http.SendAsync(request);
    }

    /// <summary>The comment's id when it was published (a 303 to its anchor), null when the form refused it.</summary>
    public async Task<long?> Send(string post, string token, string name, string body, string website = "", long? parent = null, string email = "reader@example.org")
    {
        using var response = await Post(post, token, name, body, website, parent, email);
        return response.StatusCode == HttpStatusCode.SeeOther && response.Headers.Location!.ToString().Split("#comment-") is [_, var id] && long.TryParse(id, out var n) ? n : null;
    }

    /// <summary>The writer's reply to comment <paramref name="parent"/>, made as the admin page makes it: logged in with
    /// <paramref name="password"/>, with the page's form key; marked as the author's.</summary>
    public async Task AuthorReply(long parent, string body, string password)
    {
        using var login = await Form("_lemma/admin/login", new() { ["password"] = password }, null);
        var cookie = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var admin = new HttpRequestMessage(HttpMethod.Get, "_lemma/admin");
        admin.Headers.Add("Cookie", cookie);
        var key = AdminKey().Match(await (await http.SendAsync(admin)).Content.ReadAsStringAsync()).Groups[1].Value;
        using var reply = await Form("_lemma/admin/reply", new() { ["id"] = parent.ToString(CultureInfo.InvariantCulture), ["key"] = key, ["body"] = body }, cookie);
        if (reply.StatusCode != HttpStatusCode.SeeOther) throw new InvalidOperationException($"the admin reply was answered {(int)reply.StatusCode}");
    }

    private Task<HttpResponseMessage> Form(string path, Dictionary<string, string> fields, string? cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Origin", origin);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        return http.SendAsync(request);
    }

    /// <summary>Every vector of the corpus as a comment of its own (its name and its body), in order, a few at a time:
    /// the page lists them oldest first, so a comment's place on the page is its index in what comes back.</summary>
    public async Task<(List<string> Sent, int Refused)> Vectors(string post)
    {
        var token = await Token(post);
        var vectors = File.ReadLines(Path.Combine(SiteFixture.FindRepoRoot(), "tests", "Lemma.Browser.Tests", "xss", "vectors.jsonl"))
            .Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => (Id: e.GetProperty("id").GetString()!, Text: e.GetProperty("vector").GetString()!)).ToList();
        var (sent, refused) = (new List<string>(), 0);
        foreach (var batch in vectors.Chunk(16))
        {
            var ids = await Task.WhenAll(batch.Select((v, i) => Send(post, token, v.Text.Length > 100 ? v.Text[..100] : v.Text, v.Text + $"\n\n({v.Id})", email: $"r{sent.Count + i}@example.org")));
            for (var i = 0; i < batch.Length; i++)
                if (ids[i] is null) refused++;
                else sent.Add(batch[i].Id);
        }
        return (sent, refused);
    }

    [GeneratedRegex("name=\"token\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("name=\"key\" value=\"([^\"]+)\"")]
    private static partial Regex AdminKey();
}
