namespace Lemma.Highlight.Tests;

public class HighlighterTests
{
    private static readonly Highlighter Highlighter = new();

    [Theory]
    [InlineData("python", "python")] [InlineData("py", "python")] [InlineData("PY", "python")]
    [InlineData("ipython", "python")] [InlineData("ipython3", "python")] [InlineData("ipython2", "python")] [InlineData("python3", "python")]
    [InlineData("bash", "bash")] [InlineData("sh", "bash")] [InlineData("shell", "bash")] [InlineData("zsh", "bash")]
    [InlineData("console", "console")] [InlineData("shell-session", "console")] [InlineData("sh-session", "console")]
    [InlineData("json", "json")] [InlineData("jsonc", "json")] [InlineData("yaml", "yaml")] [InlineData("yml", "yaml")]
    [InlineData("toml", "toml")] [InlineData("c", "c")] [InlineData("cpp", "cpp")] [InlineData("c++", "cpp")]
    [InlineData("cc", "cpp")] [InlineData("hpp", "cpp")] [InlineData("cuda", "cuda")] [InlineData("cu", "cuda")]
    [InlineData("rust", "rust")] [InlineData("rs", "rust")] [InlineData("go", "go")] [InlineData("java", "java")]
    [InlineData("javascript", "javascript")] [InlineData("js", "javascript")] [InlineData("typescript", "typescript")]
    [InlineData("ts", "typescript")] [InlineData("csharp", "csharp")] [InlineData("cs", "csharp")] [InlineData("C#", "csharp")]
    [InlineData("sql", "sql")] [InlineData("r", "r")] [InlineData("julia", "julia")] [InlineData("jl", "julia")]
    [InlineData("html", "html")] [InlineData("xml", "xml")] [InlineData("css", "css")] [InlineData("dockerfile", "dockerfile")]
    [InlineData("docker", "dockerfile")] [InlineData("makefile", "makefile")] [InlineData("make", "makefile")]
    [InlineData("diff", "diff")] [InlineData("patch", "diff")] [InlineData("latex", "latex")] [InlineData("tex", "latex")]
    [InlineData("markdown", "markdown")] [InlineData("md", "markdown")] [InlineData("text", "text")] [InlineData("plain", "text")]
    public void Names_and_aliases_resolve_case_insensitively(string alias, string canonical)
    {
        Assert.True(Highlighter.Supports(alias));
        Assert.Equal(canonical, Highlighter.Canonical(alias));
        Assert.Contains(canonical, Highlighter.Languages);
    }

    [Theory]
    [InlineData("rb", "ruby")] [InlineData("php", "php")] [InlineData("lua", "lua")] [InlineData("swift", "swift")]
    [InlineData("kt", "kotlin")] [InlineData("kts", "kotlin")] [InlineData("scala", "scala")] [InlineData("hs", "haskell")]
    [InlineData("ml", "ocaml")] [InlineData("zig", "zig")] [InlineData("nix", "nix")] [InlineData("gql", "graphql")]
    [InlineData("proto", "protobuf")] [InlineData("ps1", "powershell")] [InlineData("pwsh", "powershell")]
    [InlineData("dosini", "ini")] [InlineData("octave", "matlab")] [InlineData("F#", "fsharp")] [InlineData("objc", "objective-c")]
    [InlineData("bat", "batch")] [InlineData("jsx", "jsx")] [InlineData("tsx", "tsx")] [InlineData("perl6", "raku")]
    [InlineData("vb", "vbnet")] [InlineData("nasm", "asm")] [InlineData("hbs", "handlebars")] [InlineData("adoc", "asciidoc")]
    public void Long_tail_aliases_resolve_as_linguist_and_pygments_name_them(string alias, string canonical) =>
        Assert.Equal(canonical, Highlighter.Canonical(alias));

    [Fact]
    public void At_least_sixty_languages_are_highlighted() =>
        Assert.True(Highlighter.Languages.Count(l => l != "text") >= 60, $"{Highlighter.Languages.Count} languages");

    [Theory]
    [InlineData("cobol-2085")] [InlineData("")] [InlineData("  ")]
    public void Unknown_language_is_escaped_and_not_recognized(string language)
    {
        Assert.False(Highlighter.Supports(language));
        var result = Highlighter.Highlight("a < b && c\r\nd > \"e\"\n\n", language);
        Assert.False(result.Recognized);
        Assert.Equal(["a &lt; b &amp;&amp; c", "d &gt; &quot;e&quot;"], result.Lines);
    }

    [Fact]
    public void Plain_text_is_recognized_but_has_no_spans()
    {
        var result = Highlighter.Highlight("if x < 1:\n    pass", "text");
        Assert.True(result.Recognized);
        Assert.Equal(["if x &lt; 1:", "    pass"], result.Lines);
    }

    [Fact]
    public void Classes_are_hl_and_the_lower_case_kind_and_text_is_not_wrapped()
    {
        var result = Highlighter.Highlight("return x  # done", "python");
        Assert.Equal(["<span class=\"hl-keyword\">return</span> x  <span class=\"hl-comment\"># done</span>"], result.Lines);
    }

    [Theory]
    [InlineData("python", "s = \"\"\"one\ntwo\nthree\"\"\"\n")]
    [InlineData("cpp", "/* a\n   b */ int x;\n")]
    [InlineData("bash", "cat <<EOF\n$HOME\nEOF\n")]
    [InlineData("yaml", "k: |\n  one\n  two\n")]
    [InlineData("java", "/** doc\n * more\n */\nclass A {}\n")]
    public void Spans_are_closed_at_every_line_end_and_reopened(string language, string code)
    {
        var result = Highlighter.Highlight(code, language);
        Assert.Equal(code.TrimEnd('\n').Split('\n').Length, result.Lines.Count);
        foreach (var line in result.Lines)
        {
            var opens = CountOf(line, "<span");
            Assert.Equal(opens, CountOf(line, "</span>"));
            Assert.DoesNotContain('\n', line);
        }
        Assert.Contains("hl-", result.Lines[1]); // the second line of the construct is still highlighted
    }

    private static int CountOf(string s, string part)
    {
        var n = 0;
        for (var i = s.IndexOf(part, StringComparison.Ordinal); i >= 0; i = s.IndexOf(part, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }

    [Fact]
    public void Markup_in_code_is_escaped_inside_spans()
    {
        var result = Highlighter.Highlight("x = \"<b>&amp;</b>\"", "python");
        Assert.Equal("x <span class=\"hl-operator\">=</span> <span class=\"hl-string\">&quot;&lt;b&gt;&amp;amp;&lt;/b&gt;&quot;</span>", result.Lines[0]);
    }

    [Theory]
    [InlineData("java", "public class A { }", "hl-keyword")]
    [InlineData("go", "func main() { fmt.Println(\"hi\") }", "hl-string")]
    [InlineData("javascript", "const x = 42; // note", "hl-comment")]
    [InlineData("typescript", "let n: number = 1;", "hl-number")]
    [InlineData("html", "<div class=\"a\">x</div>", "hl-tag")]
    [InlineData("css", ".a { color: red; }", "hl-property")]
    [InlineData("sql", "SELECT * FROM t WHERE id = 1;", "hl-keyword")]
    [InlineData("dockerfile", "FROM python:3.12\nRUN pip install torch", "hl-keyword")]
    [InlineData("diff", "--- a\n+++ b\n-old\n+new", "hl-inserted")]
    [InlineData("markdown", "# Title\n\n`code`", "hl-keyword")]
    [InlineData("r", "x <- c(1, 2)", "hl-number")]
    [InlineData("julia", "function f(x)\n  x^2\nend", "hl-keyword")]
    [InlineData("latex", "\\section{Intro}", "hl-keyword")]
    [InlineData("makefile", "all:\n\tgcc -o a a.c", "hl-function")]
    [InlineData("csharp", "var x = new List<int>();", "hl-keyword")]
    [InlineData("xml", "<a href=\"x\"/>", "hl-attribute")]
    public void Long_tail_languages_are_highlighted_by_TextMate_grammars(string language, string code, string expectedClass)
    {
        var result = Highlighter.Highlight(code, language);
        Assert.True(result.Recognized);
        Assert.Contains(expectedClass, string.Join("\n", result.Lines));
    }

    [Fact]
    public void Highlighting_is_thread_safe_and_deterministic()
    {
        var samples = new (string Code, string Language)[]
        {
            ("def f(x: int) -> str:\n    return f\"{x!r}\"", "python"),
            ("public class A { int x = 1; }", "java"),
            ("for f in *.py; do echo \"$f\"; done", "bash"),
            ("const a = `t${1}`;", "javascript"),
            ("fn main() { println!(\"hi\"); }", "rust"),
        };
        var fresh = new Highlighter();
        var expected = samples.Select(s => string.Join("\n", new Highlighter().Highlight(s.Code, s.Language).Lines)).ToArray();
        var failures = 0;
        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var (code, language) = samples[i % samples.Length];
            if (string.Join("\n", fresh.Highlight(code, language).Lines) != expected[i % samples.Length]) Interlocked.Increment(ref failures);
        });
        Assert.Equal(0, failures);
    }

    [Fact]
    public void Empty_code_gives_one_empty_line()
    {
        Assert.Equal([""], Highlighter.Highlight("", "python").Lines);
        Assert.Equal([""], Highlighter.Highlight("\n\n", "java").Lines);
    }

    [Fact]
    public void Hand_lexers_and_TextMate_render_the_same_simple_line()
    {
        var code = "import os  # comment";
        Assert.Equal(new Highlighter(HighlightEngine.TextMate).Highlight(code, "py").Lines, Highlighter.Highlight(code, "py").Lines);
    }
}

public class HighlightBoundsTests
{
    private static readonly Highlighter Highlighter = new();

    [Fact]
    public void A_line_over_the_TextMate_limit_is_plain_and_the_lines_around_it_are_not()
    {
        var code = "<b>x</b>\n" + new string('<', TextMate.TextMateHighlighter.MaxLineLength + 1) + "\n<i>y</i>";
        var lines = Highlighter.Highlight(code, "html").Lines;
        Assert.Contains("hl-tag", lines[0]);
        Assert.DoesNotContain("<span", lines[1]);
        Assert.Contains("hl-tag", lines[2]);
    }

    [Fact]
    public void A_block_past_its_scan_budget_is_plain_from_there_on()
    {
        // Each line: 12 tags, about 80 tokens over 96 characters, so some 260 lines spend the budget.
        var line = string.Concat(Enumerable.Repeat("<i>a</i>", 12));
        var lines = Highlighter.Highlight(string.Join("\n", Enumerable.Repeat(line, 600)), "html").Lines;
        Assert.Contains("hl-tag", lines[0]);
        Assert.Contains("hl-tag", lines[100]);
        Assert.DoesNotContain("<span", lines[^1]);
        Assert.Equal(600, lines.Count);
    }
}
