using System.Net;
using Lemma.Server.Storage;

namespace Lemma.Server.Tests;

/// <summary>Where comments are kept: one SQLite file in the site's data folder, and what happens to it over time.</summary>
public class CommentStorageTests
{
    [Fact]
    public async Task Comments_live_in_data_comments_db_in_wal_mode_at_the_latest_schema_and_survive_a_restart()
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, moderation: none }");
        await site.Comment(body: "Kept.");
        Assert.Equal("wal", (await site.Query<string>("PRAGMA journal_mode")).Single());
        Assert.Equal(Migrations.Latest, (await site.Query<long>("SELECT MAX(version) FROM schema_version")).Single());
        await site.Site.Restart(configure: site.Configure(null));
        Assert.Equal("<p>Kept.</p>", Assert.Single(await site.Server.Comments!.Approved(CommentedSite.Post)).Html);
        Assert.Equal(HttpStatusCode.SeeOther, (await site.Comment(body: "After the restart.")).StatusCode); // same secret: tokens still sign alike
    }

    [Theory]
    [InlineData("data/comments.db")]
    [InlineData("data/comments.db-wal")]
    [InlineData("data/comments.db-shm")]
    [InlineData("data/comments.db-journal")]
    public void The_comment_databases_files_never_start_a_rebuild(string path) => Assert.True(Lemma.Server.Preview.SourceWatcher.Ignored(path));

    [Fact]
    public async Task Address_hashes_are_forgotten_30_days_after_the_comment_and_no_address_is_stored_plainly()
    {
        await using var site = await CommentedSite.Start();
        await site.Comment();
        var hash = (await site.Query<string>("SELECT ip_hash FROM comments")).Single();
        Assert.DoesNotContain("127.0.0.1", hash);
        Assert.DoesNotContain("127.0.0.1", string.Join(' ', await site.Query<string>("SELECT name || email || body || website || html FROM comments")));
        site.Clock.Advance(TimeSpan.FromDays(29));
        await site.Site.Restart(configure: site.Configure(null));
        Assert.NotNull((await site.Query<string?>("SELECT ip_hash FROM comments")).Single());
        site.Clock.Advance(TimeSpan.FromDays(2));
        await site.Site.Restart(configure: site.Configure(null));
        Assert.Null((await site.Query<string?>("SELECT ip_hash FROM comments")).Single());
    }

    [Fact]
    public async Task A_database_that_cannot_be_opened_stops_the_start_with_its_path()
    {
        var root = Directory.CreateTempSubdirectory("lemma-serve-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "site.yaml"), "title: T\ncomments: { database: taken/comments.db }\n");
            File.WriteAllText(Path.Combine(root, "taken"), "a file where the folder would be");
            await using var server = LemmaServer.Create(new ServerOptions { Source = root, Port = 0, MailLog = TextWriter.Null });
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => server.StartAsync());
            Assert.StartsWith("comments: cannot open the database taken/comments.db: ", error.Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Many_comments_at_once_are_all_stored_through_the_group_commits()
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, per_ip: 1000, moderation: none }", production: true);
        var token = await site.Token();
        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => site.Comment(email: $"r{i}@example.org", body: $"Comment {i}", token: token)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode));
        Assert.Equal(60, (await site.Server.Comments!.Approved(CommentedSite.Post)).Count);
    }

    [Fact]
    public async Task A_statement_outside_the_database_thread_throws_so_no_request_thread_ever_waits_on_the_disk()
    {
        var folder = Directory.CreateTempSubdirectory("lemma-db-").FullName;
        try
        {
            using var database = await Database.Open(Path.Combine(folder, "comments.db"));
            var threads = new List<int>();
            Sql? escaped = null;
            await database.Run(sql => { escaped = sql; threads.Add(Environment.CurrentManagedThreadId); return sql.Execute("SELECT 1"); });
            await database.Run(sql => { threads.Add(Environment.CurrentManagedThreadId); return 0; });
            Assert.NotEqual(Environment.CurrentManagedThreadId, threads[0]);
            Assert.Equal(threads[0], threads[1]); // one thread of its own
            Assert.Throws<InvalidOperationException>(() => escaped!.Execute("SELECT 1"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_piece_of_work_that_fails_rolls_back_alone_and_the_others_commit()
    {
        var folder = Directory.CreateTempSubdirectory("lemma-db-").FullName;
        try
        {
            using var database = await Database.Open(Path.Combine(folder, "comments.db"));
            var good = database.Run(sql => sql.Execute("INSERT INTO secrets (name, value) VALUES ('a', '1')"));
            var bad = database.Run<int>(sql =>
            {
                sql.Execute("INSERT INTO secrets (name, value) VALUES ('b', '2')");
                throw new InvalidOperationException("no");
            });
            var later = database.Run(sql => sql.Execute("INSERT INTO secrets (name, value) VALUES ('c', '3')"));
            await good;
            await later;
            await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
            Assert.Equal(["a", "c"], await database.Run(sql => sql.Query<string>("SELECT name FROM secrets ORDER BY name").ToArray()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
