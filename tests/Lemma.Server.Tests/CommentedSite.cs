using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Lemma.Server.Tests;

/// <summary>A served site with comments on and one post, /posts/a/, with a reader's helpers: get the form, post a
/// comment as a browser would (same-origin), read the printed mail and look into the database file.</summary>
public sealed partial class CommentedSite : IAsyncDisposable
{
    public const string Post = "/posts/a/";
    public ServedSite Site { get; private set; } = null!;
    public MailText MailLog { get; } = new();
    public TestClock Clock { get; } = new();

    /// <summary>The store the comments are kept in: the SQLite file, or a database of its own in <see cref="PostgresCluster"/>.</summary>
    public Store Store { get; private init; }
    private string connectionString = "";

    public static async Task<CommentedSite> Start(string comments = "{ min_seconds: 0 }", bool production = false,
        Func<ServerOptions, ServerOptions>? configure = null, string extraConfig = "", Store store = Store.Sqlite, IReadOnlyDictionary<string, string>? files = null)
    {
        var commented = new CommentedSite { Store = store };
        if (store == Store.Postgres)
        {
            commented.connectionString = await PostgresCluster.NewDatabase();
            comments = comments.TrimStart() is ['{', .. var rest] ? $"{{ database: '{commented.connectionString}', {rest}" : $"{{ database: '{commented.connectionString}' }}";
        }
        var site = new Dictionary<string, string>
        {
            ["site.yaml"] = $"title: Notes\nbase_url: https://example.org/\nauthor: {{ name: Writer, email: writer@example.org }}\ncomments: {comments}\n{extraConfig}",
            ["content/posts/a.md"] = "---\ntitle: A\ndate: 2024-01-01\n---\n\nA post.\n",
            ["content/posts/b.md"] = "---\ntitle: B\ndate: 2024-01-02\n---\n\nAnother post.\n",
        };
        foreach (var (path, text) in files ?? new Dictionary<string, string>()) site[path] = text;
        commented.Site = await ServedSite.Start(site, production, commented.Configure(configure));
        return commented;
    }

    public Func<ServerOptions, ServerOptions> Configure(Func<ServerOptions, ServerOptions>? more) => options =>
    {
        options = options with { MailLog = MailLog.Writer, Clock = Clock, Environment = _ => null, MailRetry = TimeSpan.FromMilliseconds(100) };
        return more is null ? options : more(options);
    };

    public HttpClient Http => Site.Http;
    public LemmaServer Server => Site.Server;
    public string Origin => Site.Server.Address.GetLeftPart(UriPartial.Authority);

    /// <summary>The form's token for <paramref name="post"/>, as the form page gives it out.</summary>
    public async Task<string> Token(string post = Post)
    {
        var page = await Http.GetStringAsync("_lemma/comments/form?post=" + Uri.EscapeDataString(post));
        return TokenField().Match(page).Groups[1].Value;
    }

    /// <summary>Posts the form as a browser on the site's own page does (Origin set), with a fresh token unless one is given.</summary>
    public async Task<HttpResponseMessage> Comment(string name = "Ada", string email = "ada@example.org", string body = "Nice post.",
        string website = "", string post = Post, string? token = null, Action<HttpRequestMessage>? headers = null, Dictionary<string, string>? more = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["post"] = post, ["name"] = name, ["email"] = email, ["website"] = website, ["body"] = body,
            ["token"] = token ?? await Token(post),
        };
        foreach (var (key, value) in more ?? []) fields[key] = value;
        var request = new HttpRequestMessage(HttpMethod.Post, "_lemma/comments") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Origin", Origin);
        headers?.Invoke(request);
        return await Http.SendAsync(request);
    }

    /// <summary>The moderation links in the mail printed so far, for <paramref name="action"/>, newest last.</summary>
    public async Task<List<string>> Links(string action, int atLeast = 1)
    {
        for (var i = 0; i < 400; i++)
        {
            var links = ModerationLink().Matches(MailLog.ToString()).Select(m => m.Value).Where(l => l.Contains("action=" + action)).ToList();
            if (links.Count >= atLeast) return links;
            await Task.Delay(50);
        }
        throw new TimeoutException("no moderation link was printed:\n" + MailLog);
    }

    /// <summary>The local path and query of a moderation link (which names the site's base URL).</summary>
    public static string Local(string link) => new Uri(link).PathAndQuery.TrimStart('/');

    /// <summary>Runs <paramref name="sql"/> (in the dialect both stores read) against the site's store, from outside the server.</summary>
    public async Task<T[]> Query<T>(string sql)
    {
        await using System.Data.Common.DbConnection connection = Store == Store.Postgres
            ? new Npgsql.NpgsqlConnection(connectionString + ";Pooling=False")
            : new SqliteConnection($"Data Source={Path.Combine(Site.Root, "data", "comments.db")};Pooling=False");
        return [.. await connection.QueryAsync<T>(sql)];
    }

    /// <summary>Sets the admin page's password in the site's store, as `lemma admin set-password` does.</summary>
    public Task SetAdminPassword(string password) =>
        Admin.AdminPassword.Set(Store == Store.Postgres ? connectionString : "data/comments.db", Site.Root, password);

    /// <summary>Logs in to the admin page (the password set first) and returns the session cookie, as "lemma_admin=...".</summary>
    public async Task<string> AdminLogIn(string password = "correct horse battery")
    {
        await SetAdminPassword(password);
        var response = await AdminPost("_lemma/admin/login", new() { ["password"] = password });
        return response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    /// <summary>The admin page's form key for the session <paramref name="cookie"/>, as the page gives it out.</summary>
    public async Task<string> AdminKey(string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "_lemma/admin");
        request.Headers.Add("Cookie", cookie);
        var page = await (await Http.SendAsync(request)).Content.ReadAsStringAsync();
        return KeyField().Match(page).Groups[1].Value;
    }

    /// <summary>Posts <paramref name="fields"/> to an admin endpoint as the admin page does (Origin set), with the session cookie if given.</summary>
    public Task<HttpResponseMessage> AdminPost(string path, Dictionary<string, string> fields, string? cookie = null, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Origin", origin ?? Origin);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        return Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync() => await Site.DisposeAsync();

    [GeneratedRegex("name=\"token\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("name=\"key\" value=\"([^\"]+)\"")]
    private static partial Regex KeyField();

    [GeneratedRegex(@"https?://\S+/_lemma/comments/moderate\?id=\d+&action=\w+&sig=[\w-]+")]
    private static partial Regex ModerationLink();
}

/// <summary>The real time, plus whatever a test moved it on by.</summary>
public sealed class TestClock : TimeProvider
{
    private long offset;
    public void Advance(TimeSpan by) => Interlocked.Add(ref offset, by.Ticks);
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offset));
}

/// <summary>The mail the server printed: written by its threads, read by the test's while they write.</summary>
public sealed class MailText
{
    private readonly StringWriter text = new();

    public MailText() => Writer = TextWriter.Synchronized(text);

    /// <summary>Each write holds the writer's lock (a synchronized writer locks itself), which a read takes too.</summary>
    public TextWriter Writer { get; }

    public override string ToString()
    {
        lock (Writer) return text.ToString();
    }
}
