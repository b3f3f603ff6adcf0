using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Lemma.Server.Admin;

namespace Lemma.Server.Tests;

/// <summary>
/// The XSS corpus (tests/Lemma.Browser.Tests/xss/vectors.jsonl, 902 vectors) in every field of the comment form, sent
/// through the real endpoint, and every place the server itself shows what was sent checked for what a vector could
/// add: the form given back, the stored comment HTML, the admin page, the confirm pages and the notification mail's
/// HTML. These are the structural checks of the corpus's README (step 3); running the pages in Chromium is the browser
/// tests' part.
/// </summary>
public class XssCorpusTests
{
    private static readonly HashSet<string> Elements = ["html", "head", "body", "meta", "title", "style", "main", "h1", "h2", "p", "a", "form", "input",
        "label", "textarea", "button", "br", "span", "div", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "article",
        // The admin page's own reply forms (a heading per recent comment, each form in a disclosure); no comment makes them.
        "h3", "details", "summary",
        // The subscribers page's table.
        "table", "caption", "thead", "tbody", "tr", "th", "td",
        // What Lemma.Math makes of a vector's $…$: inert MathML, with no link or handler (checked below like the rest).
        "math", "semantics", "annotation", "mrow", "mi", "mn", "mo", "mtext", "mspace", "msup", "msub", "msubsup", "mfrac", "mover", "munder", "mpadded", "mphantom"];
    private static readonly HashSet<string> Attributes = ["charset", "name", "content", "lang", "href", "rel", "method", "action", "type", "value", "id",
        "for", "maxlength", "autocomplete", "required", "aria-invalid", "aria-describedby", "aria-hidden", "class", "hidden", "tabindex", "rows", "cols", "role",
        "display", "mathvariant", "stretchy", "fence", "separator", "lspace", "rspace", "largeop", "movablelimits", "accent", "form", "width", "height", "depth",
        "voffset", "encoding", "xmlns", "scope", "aria-label"];
    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "xlink:href", "poster", "data", "background"];

    internal sealed record Vector(string Id, string Text);

    internal static IReadOnlyList<Vector> Corpus()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Lemma.slnx"))) dir = dir.Parent;
        var file = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Lemma.slnx not found"), "tests", "Lemma.Browser.Tests", "xss", "vectors.jsonl");
        return [.. File.ReadLines(file).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => new Vector(e.GetProperty("id").GetString()!, e.GetProperty("vector").GetString()!))];
    }

    /// <summary>What is wrong with <paramref name="html"/> (a page or a fragment), or null.</summary>
    internal static string? Problem(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        if (document.QuerySelectorAll("style").Length > 1 || document.Body?.QuerySelector("style") is not null) return "a <style> element";
        foreach (var element in document.All)
        {
            if (!Elements.Contains(element.LocalName)) return $"a <{element.LocalName}> element";
            if (element.LocalName == "meta" && element.HasAttribute("http-equiv")) return "a <meta http-equiv>";
            foreach (var attribute in element.Attributes)
            {
                if (!Attributes.Contains(attribute.Name)) return $"an attribute {attribute.Name} on <{element.LocalName}>";
                if (UrlAttributes.Contains(attribute.Name))
                {
                    var url = new string([.. attribute.Value.Where(c => c > ' ')]).ToLowerInvariant();
                    if (url.StartsWith("javascript:") || url.StartsWith("vbscript:") || url.StartsWith("data:text/html")) return $"a {attribute.Name}=\"{attribute.Value}\"";
                }
            }
        }
        return null;
    }

    [Fact]
    public async Task No_vector_in_any_field_adds_an_element_a_handler_or_a_script_url_to_any_page_the_server_shows()
    {
        await using var site = await CommentedSite.Start("{ min_seconds: 0, moderation: all, per_ip: 1000000, per_email: 1000000, max_links: 1000, max_length: 100000 }");
        var corpus = Corpus();
        Assert.Equal(902, corpus.Count);
        var token = await site.Token();
        var failures = new List<string>();
        void Check(string place, Vector vector, string html)
        {
            if (Problem(html) is { } problem) lock (failures) failures.Add($"{vector.Id} in {place}: {problem}");
        }

        string[] fields = ["body", "name", "website", "email"];
        var cases = fields.SelectMany(field => corpus.Select((vector, i) => (field, vector, i))).ToList();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, _) =>
        {
            var (field, vector, i) = c;
            var response = await site.Comment(
                name: field == "name" ? vector.Text : "Reader",
                email: field == "email" ? vector.Text : $"r-{field}-{i}@example.org",
                website: field == "website" ? vector.Text : "",
                body: field == "body" ? vector.Text : $"Body of {field} {i}.",
                token: token);
            if (response.StatusCode != HttpStatusCode.SeeOther) Check($"the form given back for the {field}", vector, await response.Content.ReadAsStringAsync());
            if (field == "body")
            {
                var form = await site.Http.GetAsync("_lemma/comments/form?post=/posts/a/&parent=" + Uri.EscapeDataString(vector.Text));
                Check("the form's parent", vector, await form.Content.ReadAsStringAsync());
            }
        });

        // Which vector each stored comment carries: its field's value, found again by the body's number or text.
        var stored = await site.Query<(long Id, string Name, string Email, string Website, string Body, string Html)>("SELECT id, name, email, website, body, html FROM comments");
        Assert.True(stored.Length > 1500, $"only {stored.Length} comments were stored");
        var byId = stored.ToDictionary(s => s.Id, s => Origin(s.Body, s.Email, corpus));
        foreach (var s in stored) Check("the stored comment HTML", byId[s.Id], s.Html);

        var mails = await site.Query<(string Text, string Html)>("SELECT text_body, html_body FROM outbox");
        var links = new List<(string Link, Vector Vector)>();
        foreach (var (text, html) in mails)
        {
            var approve = Regex.Match(text, @"Approve: (\S+)").Groups[1].Value;
            var vector = byId[long.Parse(Regex.Match(approve, @"id=(\d+)").Groups[1].Value)];
            Check("the notification mail", vector, html);
            links.Add((approve, vector));
        }
        await Parallel.ForEachAsync(links, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (l, _) =>
            Check("the confirm page", l.Vector, await site.Http.GetStringAsync(CommentedSite.Local(l.Link))));

        await site.SetAdminPassword("correct horse battery");
        var login = new HttpRequestMessage(HttpMethod.Post, "_lemma/admin/login") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["password"] = "correct horse battery" }) };
        login.Headers.Add("Origin", site.Origin);
        var cookie = (await site.Http.SendAsync(login)).Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var admin = new HttpRequestMessage(HttpMethod.Get, "_lemma/admin");
        admin.Headers.Add("Cookie", cookie);
        var page = await (await site.Http.SendAsync(admin)).Content.ReadAsStringAsync();
        Assert.Contains($"{stored.Length} comments awaiting approval", page);
        if (Problem(page) is { } adminProblem) failures.Add($"the admin page: {adminProblem}");

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(50)));
    }

    /// <summary>The vector a stored comment carries: in its body, or named by the number in "Body of name 12.".</summary>
    private static Vector Origin(string body, string email, IReadOnlyList<Vector> corpus)
    {
        var number = Regex.Match(body, @"^Body of \w+ (\d+)\.$");
        if (number.Success) return corpus[int.Parse(number.Groups[1].Value)];
        return corpus.FirstOrDefault(v => v.Text.Replace("\r\n", "\n").Trim() == body) ?? new Vector("(body " + email + ")", body);
    }
}
