using System.Text.Json;
using AngleSharp.Html.Parser;
using Lemma.Notebooks;
using static Lemma.Tests.Notebooks.NotebookReaderTests;

namespace Lemma.Tests.Notebooks;

/// <summary>
/// Every HTML a notebook carries goes through one allow-list: famous script vectors come out inert in each place they
/// can hide, and what real notebooks show (DataFrames, images, details, math) comes out whole.
/// The browser test (Lemma.Browser.Tests/NotebookXssTests) loads the whole XSS corpus in Chromium.
/// </summary>
public class NotebookHtmlTests
{
    /// <summary>Where HTML can come into a notebook page, each as a notebook holding one value there.</summary>
    public static readonly Dictionary<string, Func<string, string>> Places = new()
    {
        ["text/html"] = v => Notebook("{}", Output("text/html", v)),
        ["text/markdown"] = v => Notebook("{}", Output("text/markdown", v)),
        ["image/svg+xml"] = v => Notebook("{}", Output("image/svg+xml", v)),
        ["markdown cell"] = v => Notebook("{}", "{ \"cell_type\": \"markdown\", \"metadata\": {}, \"source\": " + JsonSerializer.Serialize(v) + " }"),
        ["raw cell"] = v => Notebook("{}", "{ \"cell_type\": \"raw\", \"metadata\": { \"format\": \"text/html\" }, \"source\": " + JsonSerializer.Serialize(v) + " }"),
    };

    internal static string Output(string mime, string value) =>
        "{ \"cell_type\": \"code\", \"execution_count\": 1, \"metadata\": {}, \"source\": \"x\", \"outputs\": [ { \"output_type\": \"display_data\", \"metadata\": {}, \"data\": { " +
        JsonSerializer.Serialize(mime) + ": " + JsonSerializer.Serialize(value) + " } } ] }";

    private static readonly string[] Vectors =
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<svg><a><set attributeName=href to=javascript:alert(1) /><text y=20>click</text></a></svg>",
        "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
        "<iframe srcdoc=\"&lt;script&gt;parent.alert(1)&lt;/script&gt;\"></iframe>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\"javascript&colon;alert(1)\">x</a>",
        "<a href=\" \u0001javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<img src=\"data:text/html,<script>alert(1)</script>\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"data:text/html,<script>alert(1)</script>\">",
        "<form><button formaction=\"javascript:alert(1)\">go</button></form>",
        "<details open ontoggle=alert(1)>",
        "<input autofocus onfocus=alert(1)>",
        "<style>@import 'https://evil.example/x.css'; body { display: none }</style>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<math><a xlink:href=\"javascript:alert(1)\">x</a></math>",
        "[x](javascript:alert(1)) ![y](javascript:alert(2)) <javascript:alert(3)>",
        "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
    ];

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var place in Places.Keys)
            for (var i = 0; i < Vectors.Length; i++) data.Add(place, i);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Famous_script_vectors_come_out_inert(string place, int vector)
    {
        var html = NotebookFixtures.Render(Places[place](Vectors[vector])).Html;
        Assert.Equal([], Dangers(html));
    }

    [Fact]
    public void A_pandas_dataframe_keeps_its_table_loses_its_style_block_and_its_empty_corner_header_becomes_a_cell()
    {
        const string frame = """
            <div>
            <style scoped>
                .dataframe tbody tr th:only-of-type { vertical-align: middle; }
            </style>
            <table border="1" class="dataframe">
              <thead><tr style="text-align: right;"><th></th><th>loss</th></tr></thead>
              <tbody><tr><th>0</th><td>0.25</td></tr></tbody>
            </table>
            </div>
            """;
        var rendered = NotebookFixtures.Render(Notebook("{}", Output("text/html", frame)));
        Assert.Contains("<table border=\"1\" class=\"dataframe\">", rendered.Html);
        Assert.Contains("<tr style=\"text-align: right\"><td></td><th>loss</th></tr>", rendered.Html);
        Assert.Contains("<tr><th>0</th><td>0.25</td></tr>", rendered.Html);
        Assert.DoesNotContain("<style", rendered.Html);
        Assert.Empty(rendered.Diagnostics);
    }

    [Fact]
    public void Images_keep_data_uris_of_image_types_and_details_and_math_stay()
    {
        const string html = """<details><summary>More</summary><img src="data:image/png;base64,iVBORw0KGgo=" alt="p"><img src="data:image/svg+xml;base64,PHN2Zy8+" alt="s"></details><math><mi>x</mi></math>""";
        var rendered = NotebookFixtures.Render(Notebook("{}", Output("text/html", html)));
        Assert.Contains(html, rendered.Html);
    }

    [Fact]
    public void Lemmas_own_markdown_html_survives_in_markdown_cells()
    {
        var cell = Cell("markdown", "## Loss {#loss}", "", "$$\\frac{a}{b}$$", "", "- [x] done", "", "See [the loss](#loss) and [home](https://example.org/).");
        var html = NotebookFixtures.Render(Notebook("{}", cell)).Html;
        Assert.Contains("<h2 id=\"loss\">", html);
        Assert.Contains("<mfrac>", html);
        Assert.Contains("type=\"checkbox\"", html);
        Assert.Contains("<a href=\"#loss\">the loss</a>", html);
        Assert.Contains("<a href=\"https://example.org/\">home</a>", html);
    }

    [Fact]
    public void What_could_run_script_is_one_warning_per_output_at_its_cell()
    {
        var rendered = NotebookFixtures.Render(Notebook("{}", Output("text/html", "<script>a()</script><img src=x onerror=b()><script>c()</script><a href='javascript:d()'>x</a>")));
        var warning = Assert.Single(rendered.Diagnostics);
        Assert.Equal("content/posts/nb.ipynb:3:1: warning: notebook: cell 1: its text/html output 1 could run script; removed <script>, onerror=, href=\"javascript:\"",
            warning.ToString());
    }

    [Fact]
    public void A_trusted_site_keeps_its_notebooks_html_as_written()
    {
        const string html = "<div onclick=\"go()\">x</div>";
        var rendered = NotebookFixtures.Render(Notebook("{}", Output("text/html", html)), trusted: true);
        Assert.Contains(html, rendered.Html);
        Assert.Equal(["<div onclick>"], Dangers(rendered.Html)); // and the check above sees what it looks for
        Assert.Empty(rendered.Diagnostics);
    }

    [Fact]
    public void The_sanitizer_is_safe_to_share_between_threads()
    {
        var results = Enumerable.Range(0, 200).AsParallel().Select(i =>
            NotebookHtml.Shared.Sanitize(i % 2 == 0 ? $"<b onclick=x>{i}</b>" : $"<i>{i}</i>")).ToList();
        for (var i = 0; i < results.Count; i++)
        {
            Assert.Equal(i % 2 == 0 ? $"<b>{i}</b>" : $"<i>{i}</i>", results[i].Html);
            Assert.Equal(i % 2 == 0 ? ["onclick="] : [], results[i].Removed);
        }
    }

    private static readonly HashSet<string> ForbiddenTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link", "style", "svg", "form", "noscript", "portal",
    };

    /// <summary>What in a page could run script or take it elsewhere, read as a browser parses it.</summary>
    internal static List<string> Dangers(string html)
    {
        var found = new List<string>();
        var document = new HtmlParser().ParseDocument(html);
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            if (ForbiddenTags.Contains(element.LocalName)) found.Add($"<{element.LocalName}>");
            foreach (var attribute in element.Attributes)
            {
                var name = attribute.Name.ToLowerInvariant();
                var value = new string([.. attribute.Value.Where(c => c > ' ' && c != '\u007f')]).ToLowerInvariant();
                if (name.StartsWith("on", StringComparison.Ordinal) || name is "srcdoc" or "formaction")
                    found.Add($"<{element.LocalName} {name}>");
                else if ((value.StartsWith("javascript:") || value.StartsWith("vbscript:") || value.StartsWith("data:"))
                         && !(element.LocalName == "img" && name == "src" && value.StartsWith("data:image/")))
                    found.Add($"<{element.LocalName} {name}={value}>");
                else if (name == "style" && (value.Contains("javascript:") || value.Contains("expression(")))
                    found.Add($"<{element.LocalName} style={value}>");
            }
        }
        return found;
    }
}
