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
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Either_store_is_at_the_latest_schema_and_keeps_comments_and_its_secret_over_a_restart(Store store)
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, moderation: none }", store: store);
        await site.Comment(body: "Kept.");
        Assert.Equal(Migrations.Latest, (await site.Query<long>("SELECT MAX(version) FROM schema_version")).Single());
        await site.Site.Restart(configure: site.Configure(null));
        Assert.StartsWith($"comments on ({(store == Store.Postgres ? "Host=" : "data/comments.db")}", site.Server.CommentsStatus);
        Assert.Equal("<p>Kept.</p>", Assert.Single(await site.Server.Comments!.Approved(CommentedSite.Post)).Html);
        Assert.Equal(HttpStatusCode.SeeOther, (await site.Comment(body: "After the restart.")).StatusCode);
    }

    [Fact]
    public void Both_stores_have_the_same_number_of_migration_steps() => Assert.Equal(Migrations.Steps.Count, Migrations.PostgresSteps.Count);

    [Theory]
    [InlineData("Host=db.example.org;Database=blog;Username=lemma", true, "")]
    [InlineData("host = db ; database = blog", true, "")]
    [InlineData("Host=db;Database=blog;Password=secret", false, "must not hold a password")]
    [InlineData("data/comments.db", false, "")]
    public void A_database_setting_naming_a_host_is_a_postgresql_connection_string_without_a_password(string setting, bool connection, string error)
    {
        Assert.Equal(connection || error.Length > 0, Lemma.Configuration.CommentSettings.IsConnectionString(setting));
        var root = Directory.CreateTempSubdirectory("lemma-config-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "site.yaml"), $"title: T\ncomments: {{ database: '{setting}' }}\n");
            var loaded = Lemma.Configuration.ConfigLoader.Load(root);
            if (error.Length == 0) Assert.Equal(setting, loaded.Config.Comments.Database);
            else Assert.Contains(loaded.Diagnostics, d => d.Message.Contains(error));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("data/comments.db")]
    [InlineData("data/comments.db-wal")]
    [InlineData("data/comments.db-shm")]
    [InlineData("data/comments.db-journal")]
    public void The_comment_databases_files_never_start_a_rebuild(string path) => Assert.True(Lemma.Server.Preview.SourceWatcher.Ignored(path));

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Address_hashes_are_forgotten_30_days_after_the_comment_and_no_address_is_stored_plainly(Store store)
    {
        await using var site = await CommentedSite.Start(store: store);
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

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task Many_comments_at_once_are_all_stored_through_the_group_commits(Store store)
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, per_ip: 1000, moderation: none }", production: true, store: store);
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

    [Theory]
    [MemberData(nameof(Stores.Both), MemberType = typeof(Stores))]
    public async Task A_piece_of_work_that_fails_rolls_back_alone_and_the_others_commit(Store store)
    {
        var folder = Directory.CreateTempSubdirectory("lemma-db-").FullName;
        try
        {
            using var database = store == Store.Postgres
                ? await Database.Open(await PostgresCluster.NewDatabase(), folder)
                : await Database.Open(Path.Combine(folder, "comments.db"));
            var good = database.Run(sql => sql.Execute("INSERT INTO secrets (name, value) VALUES ('a', '1')"));
            var bad = database.Run<int>(sql =>
            {
                sql.Execute("INSERT INTO secrets (name, value) VALUES ('b', '2')");
                throw new InvalidOperationException("no");
            });
            // A statement the database refuses (PostgreSQL then refuses all else until the piece is rolled back).
            var refused = database.Run(sql => sql.Execute("INSERT INTO secrets (name, value) VALUES ('d', '4'); INSERT INTO secrets (name, value) VALUES ('d', '5')"));
            var later = database.Run(sql => sql.Execute("INSERT INTO secrets (name, value) VALUES ('c', '3')"));
            await good;
            await later;
            await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => refused);
            Assert.Equal(["a", "c"], await database.Run(sql => sql.Query<string>("SELECT name FROM secrets WHERE name <> 'site' ORDER BY name").ToArray()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
