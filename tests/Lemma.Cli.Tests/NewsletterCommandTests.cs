using Dapper;
using Microsoft.Data.Sqlite;

namespace Lemma.Cli.Tests;

/// <summary>`lemma newsletter import`: the CSV exports of Substack, Buttondown and Mailchimp (fixtures written for these
/// tests in each service's columns), each address keeping its state; every problem reported, nothing half-stored.</summary>
public class NewsletterCommandTests
{
    private const string Site = """
        -- site.yaml --
        title: T
        newsletter: true
        -- content/posts/a.md --
        ---
        title: A
        ---

        A post.
        """;

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", "newsletter", name);

    private static string[] Subscribers(TempSite site)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(site.Root, "data", "comments.db")};Pooling=False");
        return [.. connection.Query<(string Email, string Name, string State, string Source, long? ConfirmedAt)>(
                "SELECT email, name, state, source, confirmed_at FROM subscribers ORDER BY email")
            .Select(s => $"{s.Email}|{s.Name}|{s.State}|{s.Source}|{(s.ConfirmedAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at).ToString("yyyy-MM-dd HH:mm:ss") : "")}")];
    }

    [Fact]
    public void A_substack_export_keeps_who_confirmed_and_who_turned_mail_off()
    {
        using var site = TempSite.From(Site);
        var run = site.Lemma("newsletter", "import", Fixture("substack.csv"), "--source", site.Root);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("read 3 subscribers (2 confirmed, 1 unsubscribed); 3 added", run.Output);
        Assert.Equal(
            ["ada@example.org||confirmed|substack|2023-03-01 09:15:02",
             "bob@example.org||confirmed|substack|2023-06-12 18:40:11",
             "carol@example.org||unsubscribed|substack|2022-11-30 07:05:59"], Subscribers(site));
    }

    [Fact]
    public void A_buttondown_export_maps_each_subscriber_type_to_a_state()
    {
        using var site = TempSite.From(Site);
        var run = site.Lemma("newsletter", "import", Fixture("buttondown.csv"), "--source", site.Root);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            ["dan@example.org||confirmed|buttondown|2024-01-05 10:00:00",
             "erin@example.org||confirmed|buttondown|2024-02-10 08:30:00",
             "frank@example.org||pending|buttondown|",
             "grace@example.org||unsubscribed|buttondown|2023-12-24 20:00:00",
             "heidi@example.org||bounced|buttondown|2023-10-10 10:10:10"], Subscribers(site));
    }

    [Fact]
    public void Mailchimps_three_files_give_confirmed_unsubscribed_and_cleaned_members_and_a_second_import_adds_nothing()
    {
        using var site = TempSite.From(Site);
        string[] files = [Fixture("mailchimp_subscribed_members.csv"), Fixture("mailchimp_unsubscribed_members.csv"), Fixture("mailchimp_cleaned_members.csv")];
        var run = site.Lemma(["newsletter", "import", .. files, "--source", site.Root]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var expected = new[]
        {
            "ivan@example.org|Ivan Petrov|confirmed|mailchimp|2021-04-01 08:03:12",
            "judy@example.org|Judy|confirmed|mailchimp|2022-09-15 21:47:30",
            "mallory@example.org|Mallory|unsubscribed|mailchimp|2020-02-02 10:01:00",
            "oscar@example.org|Oscar Wilde|bounced|mailchimp|2019-07-07 07:08:00",
        };
        Assert.Equal(expected, Subscribers(site));
        var again = site.Lemma(["newsletter", "import", .. files, "--source", site.Root]);
        Assert.Contains("0 added; 4 already here, left as they were", again.Output);
        Assert.Equal(expected, Subscribers(site));
    }

    [Fact]
    public void Every_bad_row_is_reported_at_its_line_and_column_and_nothing_is_stored()
    {
        using var site = TempSite.From(Site);
        site.WriteFile("bad.csv", "email,active_subscription,email_disabled,created_at,name\r\n"
            + "ok@example.org,false,false,2023-01-01T00:00:00Z,Fine\r\n"
            + "\"ada@example.org\r\nBcc: eve@example.org\",false,false,2023-01-01T00:00:00Z,Ada\r\n"
            + "bob@example.org,false,false,yesterday,Bob\r\n"
            + "carol@example.org,false,false,2023-01-01T00:00:00Z,\"Carol\nBcc: eve@example.org\"\r\n"
            + "ok@example.org,false,false,2023-01-01T00:00:00Z,Again\r\n");
        var path = Path.Combine(site.Root, "bad.csv");
        var run = site.Lemma("newsletter", "import", path, "--source", site.Root);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [$"{path}:3:1: error: 'ada@example.org\\u000d\\u000aBcc: eve@example.org' is not one email address",
             $"{path}:5:29: error: 'yesterday' is not a date and time",
             $"{path}:6:52: error: the name must be one line of at most 100 characters",
             $"{path}:8:1: error: ok@example.org is here twice (first on line 2)",
             "lemma: nothing imported: 4 errors"], run.ErrorLines);
        Assert.False(File.Exists(Path.Combine(site.Root, "data", "comments.db")));
    }

    [Fact]
    public void A_file_that_is_no_known_export_is_an_error_at_its_first_line()
    {
        using var site = TempSite.From(Site);
        site.WriteFile("other.csv", "mail,when\nada@example.org,today\n");
        var run = site.Lemma("newsletter", "import", Path.Combine(site.Root, "other.csv"), "--source", site.Root);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"{Path.Combine(site.Root, "other.csv")}:1:1: error: not an export this reads", run.ErrorLines[0]);
    }
}

/// <summary>The theme's subscribe form: in the home page's connect block and after each post when site.yaml turns the
/// newsletter on, and nowhere otherwise.</summary>
public class NewsletterFormTests
{
    private static string Site(string newsletter) => $"""
        -- site.yaml --
        title: T
        home:
          - kind: connect
        {newsletter}
        -- content/posts/a.md --
        ---
        title: A
        date: 2024-01-01
        ---

        A post.
        """;

    [Theory]
    [InlineData("newsletter: true")]
    [InlineData("newsletter: { name: Notes Weekly }")]
    public void The_form_is_on_the_home_page_and_after_each_post_when_the_newsletter_is_on(string newsletter)
    {
        using var site = TempSite.From(Site(newsletter));
        var run = site.Lemma("build");
        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var page in new[] { "public/index.html", "public/posts/a/index.html" })
        {
            var html = site.Read(page);
            Assert.Contains("<form class=\"newsletter\" method=\"post\" action=\"/_lemma/newsletter/subscribe\"", html);
            Assert.Contains("<label for=\"newsletter-email\">Email</label>", html);
            Assert.Contains("<input id=\"newsletter-name\" name=\"name\"", html);
            Assert.Contains("<div hidden aria-hidden=\"true\"><label>Leave this empty <input name=\"url\"", html);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("newsletter: false")]
    [InlineData("newsletter: { enabled: false, name: Notes Weekly }")]
    public void Without_the_newsletter_no_page_has_the_form(string newsletter)
    {
        using var site = TempSite.From(Site(newsletter));
        Assert.Equal(0, site.Lemma("build").ExitCode);
        Assert.DoesNotContain("class=\"newsletter\"", site.Read("public/index.html"));
        Assert.DoesNotContain("class=\"newsletter\"", site.Read("public/posts/a/index.html"));
    }
}
