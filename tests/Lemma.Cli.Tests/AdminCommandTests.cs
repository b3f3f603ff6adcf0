using Lemma.Server.Admin;
using Microsoft.Data.Sqlite;

namespace Lemma.Cli.Tests;

/// <summary>`lemma admin set-password`.</summary>
public class AdminCommandTests
{
    private static LemmaRun SetPassword(TempSite site, string typed)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = LemmaApp.Run(["admin", "set-password", "--source", site.Root], output, error, new StringReader(typed));
        return new LemmaRun(code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Set_password_keeps_a_salted_hash_in_the_sites_comment_database()
    {
        using var site = TempSite.From("-- site.yaml --\ntitle: T\ncomments: { database: data/talk.db }\n");
        var run = SetPassword(site, "correct horse battery\n");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("data/talk.db", run.Output);
        using var connection = new SqliteConnection($"Data Source={Path.Combine(site.Root, "data", "talk.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM secrets WHERE name = 'admin-password'";
        var stored = (string)command.ExecuteScalar()!;
        Assert.DoesNotContain("correct horse", stored);
        Assert.True(AdminPassword.Verify("correct horse battery", stored));
    }

    [Fact]
    public void A_short_or_missing_password_is_refused()
    {
        using var site = TempSite.From("-- site.yaml --\ntitle: T\n");
        var shortOne = SetPassword(site, "short\n");
        Assert.Equal(2, shortOne.ExitCode);
        Assert.Contains("at least 10 characters", shortOne.Errors);
        Assert.Equal(2, SetPassword(site, "").ExitCode);
        Assert.False(File.Exists(Path.Combine(site.Root, "data", "comments.db")));
    }
}
