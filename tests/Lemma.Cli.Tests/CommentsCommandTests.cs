using System.Text.Json;

namespace Lemma.Cli.Tests;

/// <summary>`lemma comments export` and `lemma comments import`: a JSON archive, Disqus and WordPress exports.</summary>
public class CommentsCommandTests
{
    private const string Site = """
        -- site.yaml --
        title: T
        comments: true
        -- content/posts/attention.md --
        ---
        title: Attention
        date: 2024-01-01
        ---

        A post.
        -- content/posts/scaling.md --
        ---
        title: Scaling
        date: 2024-01-02
        ---

        Another post.
        """;

    private const string Archive = """
        {"format": "lemma-comments", "version": 1, "comments": [
          {"id": 7, "post": "/posts/attention/", "parent": null, "name": "Ada", "email": "ada@example.org", "website": "https://ada.example/",
           "body": "Nice *post*.", "status": "approved", "created": "2024-02-01T10:00:00+00:00"},
          {"id": 9, "post": "/posts/attention/", "parent": 7, "name": "Writer", "email": "me@example.org", "website": "",
           "body": "Thanks!", "status": "approved", "created": "2024-02-01T11:00:00+00:00", "is_author": true},
          {"id": 12, "post": "/posts/scaling/", "parent": null, "name": "Bob", "email": "bob@example.org", "website": "",
           "body": "Waiting.", "status": "pending", "created": "2024-02-02T09:00:00+00:00"}
        ]}
        """;

    private static LemmaRun Lemma(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = LemmaApp.Run(args, output, error);
        return new LemmaRun(code, output.ToString(), error.ToString());
    }

    private static JsonElement[] Export(TempSite site)
    {
        var run = Lemma("comments", "export", "--source", site.Root);
        Assert.True(run.ExitCode == 0, run.ToString());
        return [.. JsonDocument.Parse(run.Output).RootElement.GetProperty("comments").EnumerateArray()];
    }

    /// <summary>What a comment is, without the id its store gave it: the parent by its body; "|author" on the writer's own replies.</summary>
    private static string[] Shape(JsonElement[] comments) =>
        [.. comments.Select(c => string.Join("|", c.GetProperty("post").GetString(), c.GetProperty("name").GetString(), c.GetProperty("email").GetString(),
            c.GetProperty("website").GetString(), c.GetProperty("body").GetString(), c.GetProperty("status").GetString(), c.GetProperty("created").GetString(),
            c.GetProperty("parent").ValueKind == JsonValueKind.Null ? "" : comments.Single(p => p.GetProperty("id").GetInt64() == c.GetProperty("parent").GetInt64()).GetProperty("body").GetString())
            + (c.GetProperty("is_author").GetBoolean() ? "|author" : ""))];

    [Fact]
    public void An_exported_archive_imported_into_another_site_exports_the_same_comments_and_a_second_import_adds_nothing()
    {
        using var first = TempSite.From(Site);
        first.WriteFile("archive.json", Archive);
        var imported = Lemma("comments", "import", Path.Combine(first.Root, "archive.json"), "--source", first.Root);
        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.Contains("imported 3 comments into 2 posts", imported.Output);
        var exported = Export(first);
        Assert.Equal(
            ["/posts/attention/|Ada|ada@example.org|https://ada.example/|Nice *post*.|approved|2024-02-01T10:00:00+00:00|",
             "/posts/attention/|Writer|me@example.org||Thanks!|approved|2024-02-01T11:00:00+00:00|Nice *post*.|author",
             "/posts/scaling/|Bob|bob@example.org||Waiting.|pending|2024-02-02T09:00:00+00:00|"], Shape(exported));

        using var second = TempSite.From(Site);
        var written = Lemma("comments", "export", "--source", first.Root, "--output", Path.Combine(second.Root, "moved.json"));
        Assert.True(written.ExitCode == 0, written.ToString());
        Assert.True(Lemma("comments", "import", Path.Combine(second.Root, "moved.json"), "--source", second.Root).ExitCode == 0);
        Assert.Equal(Shape(exported), Shape(Export(second)));

        var again = Lemma("comments", "import", Path.Combine(second.Root, "moved.json"), "--source", second.Root);
        Assert.Contains("imported 0 comments into 2 posts (3 already here)", again.Output);
        Assert.Equal(3, Export(second).Length);
    }

    [Fact]
    public void A_disqus_export_lands_on_the_posts_its_threads_link_to_with_replies_spam_and_deleted_comments_kept_apart()
    {
        using var site = TempSite.From(Site);
        site.WriteFile("disqus.xml", """
            <?xml version="1.0" encoding="utf-8"?>
            <disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
              <category dsq:id="1"><forum>oldblog</forum><title>General</title></category>
              <thread dsq:id="100"><id/><forum>oldblog</forum><link>https://old.example.org/2019/05/attention/</link><title>Attention</title></thread>
              <thread dsq:id="200"><id/><forum>oldblog</forum><link>https://old.example.org/about/</link><title>About</title></thread>
              <post dsq:id="1001"><id/><message><![CDATA[<p>Great <b>read</b>, see <a href="https://arxiv.org/abs/1706.03762">the paper</a>.</p><p><script>alert(1)</script>2 * 3</p>]]></message>
                <createdAt>2019-05-02T10:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>
                <author><email>ada@example.org</email><name>Ada</name><isAnonymous>false</isAnonymous></author><thread dsq:id="100"/></post>
              <post dsq:id="1002"><id/><message><![CDATA[<p>Agreed.</p>]]></message>
                <createdAt>2019-05-02T11:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>
                <author><email>bob@example.org</email><name>Bob</name></author><thread dsq:id="100"/><parent dsq:id="1001"/></post>
              <post dsq:id="1003"><id/><message><![CDATA[<p>Cheap pills</p>]]></message>
                <createdAt>2019-05-03T10:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>true</isSpam>
                <author><email>spam@example.org</email><name>Spam</name></author><thread dsq:id="100"/></post>
              <post dsq:id="1004"><id/><message><![CDATA[<p>On a page this site does not have.</p>]]></message>
                <createdAt>2019-05-04T10:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>
                <author><email>eve@example.org</email><name>Eve</name></author><thread dsq:id="200"/></post>
            </disqus>
            """);
        var run = Lemma("comments", "import", Path.Combine(site.Root, "disqus.xml"), "--source", site.Root);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("imported 3 comments into 1 posts; 1 left out", run.Output);
        Assert.Contains("no post of this site for https://old.example.org/about/", run.Errors);
        Assert.Equal(
            ["/posts/attention/|Ada|ada@example.org||Great **read**, see [the paper](https://arxiv.org/abs/1706.03762).\n\nalert(1)2 \\* 3|approved|2019-05-02T10:00:00+00:00|",
             "/posts/attention/|Bob|bob@example.org||Agreed.|approved|2019-05-02T11:00:00+00:00|Great **read**, see [the paper](https://arxiv.org/abs/1706.03762).\n\nalert(1)2 \\* 3",
             "/posts/attention/|Spam|spam@example.org||Cheap pills|spam|2019-05-03T10:00:00+00:00|"], Shape(Export(site)));
    }

    [Fact]
    public void A_wordpress_export_brings_its_comments_but_not_its_pingbacks_and_unapproved_ones_wait()
    {
        using var site = TempSite.From(Site);
        site.WriteFile("wordpress.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
              <channel>
                <title>Old blog</title>
                <item>
                  <title>Scaling</title>
                  <link>https://old.example.org/2020/03/scaling/</link>
                  <wp:post_type>post</wp:post_type>
                  <wp:comment>
                    <wp:comment_id>5</wp:comment_id><wp:comment_author><![CDATA[Ada]]></wp:comment_author>
                    <wp:comment_author_email>ada@example.org</wp:comment_author_email><wp:comment_author_url>https://ada.example/</wp:comment_author_url>
                    <wp:comment_author_IP>192.0.2.1</wp:comment_author_IP><wp:comment_date_gmt>2020-03-04 10:00:00</wp:comment_date_gmt>
                    <wp:comment_content><![CDATA[First paragraph.

            Second with <em>emphasis</em>.]]></wp:comment_content>
                    <wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>0</wp:comment_parent>
                  </wp:comment>
                  <wp:comment>
                    <wp:comment_id>6</wp:comment_id><wp:comment_author><![CDATA[Bob]]></wp:comment_author>
                    <wp:comment_author_email>bob@example.org</wp:comment_author_email><wp:comment_author_url>javascript:alert(1)</wp:comment_author_url>
                    <wp:comment_date_gmt>2020-03-04 12:00:00</wp:comment_date_gmt>
                    <wp:comment_content><![CDATA[A reply.]]></wp:comment_content>
                    <wp:comment_approved>0</wp:comment_approved><wp:comment_type></wp:comment_type><wp:comment_parent>5</wp:comment_parent>
                  </wp:comment>
                  <wp:comment>
                    <wp:comment_id>7</wp:comment_id><wp:comment_author><![CDATA[Other blog]]></wp:comment_author>
                    <wp:comment_author_email></wp:comment_author_email><wp:comment_date_gmt>2020-03-05 12:00:00</wp:comment_date_gmt>
                    <wp:comment_content><![CDATA[Linked to you.]]></wp:comment_content>
                    <wp:comment_approved>1</wp:comment_approved><wp:comment_type>pingback</wp:comment_type><wp:comment_parent>0</wp:comment_parent>
                  </wp:comment>
                </item>
              </channel>
            </rss>
            """);
        var run = Lemma("comments", "import", Path.Combine(site.Root, "wordpress.xml"), "--source", site.Root);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            ["/posts/scaling/|Ada|ada@example.org|https://ada.example/|First paragraph.\n\nSecond with *emphasis*.|approved|2020-03-04T10:00:00+00:00|",
             "/posts/scaling/|Bob|bob@example.org||A reply.|pending|2020-03-04T12:00:00+00:00|First paragraph.\n\nSecond with *emphasis*."], Shape(Export(site)));
    }

    [Fact]
    public void A_file_that_is_no_export_is_refused_with_its_reason()
    {
        using var site = TempSite.From(Site);
        site.WriteFile("other.xml", "<html><body>no</body></html>");
        var run = Lemma("comments", "import", Path.Combine(site.Root, "other.xml"), "--source", site.Root);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("neither a Disqus export", run.Errors);
    }
}
