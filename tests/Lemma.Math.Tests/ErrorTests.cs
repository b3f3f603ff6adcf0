namespace Lemma.Math.Tests;

/// <summary>Bad input: an error with its position in the formula and a visible fallback; never an exception.</summary>
public sealed class ErrorTests
{
    readonly MathRenderer _renderer = new();

    [Theory]
    [InlineData(@"x + \foo", 4, 4, "Undefined control sequence: \\foo")]
    [InlineData(@"\frac{a}{b", 8, 1, "Missing '}' to match this '{'")]
    [InlineData(@"a}", 1, 1, "Unexpected '}': no matching '{'")]
    [InlineData(@"a & b", 2, 1, "Unexpected '&' outside an alignment environment (array, aligned, matrix, cases...)")]
    [InlineData(@"\begin{matrix}a\end{bmatrix}", 15, 13, "Mismatched environment: \\begin{matrix} ended by \\end{bmatrix}")]
    [InlineData(@"\begin{matrix}a", 0, 6, "Missing \\end{matrix}")]
    [InlineData(@"\begin{foo}a\end{foo}", 0, 11, "Unknown environment 'foo'")]
    [InlineData(@"\end{matrix}", 0, 4, "\\end without a matching \\begin")]
    [InlineData(@"\left( x", 0, 5, "Missing \\right for this \\left")]
    [InlineData(@"x \right)", 2, 6, "\\right without a matching \\left")]
    [InlineData(@"x^2^3", 3, 1, "Double superscript")]
    [InlineData(@"x_2_3", 3, 1, "Double subscript")]
    [InlineData(@"x^", 1, 1, "Expected a group after '^'")]
    [InlineData(@"\frac{a}", 0, 5, "Missing argument for \\frac")]
    [InlineData(@"\left\foo x\right)", 5, 4, "Invalid delimiter '\\foo' after \\left")]
    [InlineData(@"x\limits", 1, 7, "Limit controls must follow a math operator")]
    [InlineData(@"\color{red;}x", 7, 4, "Invalid color: 'red;'")]
    [InlineData(@"\hspace{3zz}", 0, 7, "Invalid unit: 'zz'")]
    public void Errors_carry_offset_length_and_message(string tex, int offset, int length, string message)
    {
        var r = _renderer.Render(tex, false);
        Assert.Equal(new MathError(offset, length, message), Assert.Single(r.Errors));
    }

    [Fact]
    public void Null_and_empty_input_give_an_empty_formula()
    {
        Assert.Equal("<math><semantics><mrow></mrow><annotation encoding=\"application/x-tex\"></annotation></semantics></math>",
            _renderer.Render(null!, false).Html);
        Assert.True(_renderer.Render("", true).Ok);
        Assert.Equal("", new MathDocument().ResolveReferences(null!));
    }

    [Fact]
    public void Fallback_shows_the_escaped_source_with_the_message_as_title()
    {
        var r = _renderer.Render(@"a<\foo", false);
        Assert.Equal("<span class=\"math-error\" title=\"Undefined control sequence: \\foo\"><code>a&lt;\\foo</code></span>", r.Html);
        Assert.False(r.Ok);
    }

    [Fact]
    public void Error_inside_a_macro_points_at_the_macro_use()
    {
        var doc = new MathDocument();
        _renderer.Render(@"\newcommand{\bad}{\nosuch}", false, doc);
        var r = _renderer.Render(@"a + \bad", false, doc);
        Assert.Equal(new MathError(4, 4, "Undefined control sequence: \\nosuch"), Assert.Single(r.Errors));
    }

    [Theory]
    [InlineData(@"\def\a{\a\a}\a")]
    [InlineData(@"\def\a{\a}\a")]
    [InlineData(@"\newcommand{\x}{\x x}\x")]
    [InlineData(@"\def\a{\b\b\b\b}\def\b{\c\c\c\c}\def\c{\d\d\d\d}\def\d{xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx}\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a")]
    public void Recursive_macros_end_in_an_error(string tex)
    {
        var r = _renderer.Render(tex, false);
        Assert.False(r.Ok);
        Assert.Contains("expansion", Assert.Single(r.Errors).Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(10_000, "{", "}")]
    [InlineData(10_000, @"\frac{", "}{x}")]
    [InlineData(10_000, @"\sqrt{", "}")]
    [InlineData(10_000, @"\left(", @"\right)")]
    [InlineData(10_000, @"\text{", "}")]
    [InlineData(2_000, @"\begin{matrix}", @"\end{matrix}")]
    [InlineData(10_000, "x^{", "}")]
    public void Deep_nesting_is_an_error_not_a_stack_overflow(int depth, string open, string close)
    {
        var tex = string.Concat(Enumerable.Repeat(open, depth)) + "x" + string.Concat(Enumerable.Repeat(close, depth));
        var r = _renderer.Render(tex, true);
        Assert.Equal("Formula is nested too deeply", Assert.Single(r.Errors).Message);
    }

    [Fact]
    public void Moderate_nesting_is_fine()
    {
        var tex = string.Concat(Enumerable.Repeat(@"\frac{1}{1+", 20)) + "x" + new string('}', 20);
        Assert.True(_renderer.Render(tex, true).Ok);
    }

    [Fact]
    public void Mutated_corpus_formulas_never_throw_and_always_give_html()
    {
        // Fixed seed: deletions, duplications and insertions of TeX-significant characters.
        var random = new Random(20261125);
        const string Alphabet = "{}[]()^_&\\#$%~'x1 ";
        var formulas = Corpus.Formulas;
        for (int i = 0; i < 100_000; i++)
        {
            var tex = formulas[random.Next(formulas.Count)].Tex.ToCharArray().ToList();
            int edits = 1 + random.Next(4);
            for (int e = 0; e < edits && tex.Count > 0; e++)
            {
                int at = random.Next(tex.Count);
                switch (random.Next(3))
                {
                    case 0: tex.RemoveAt(at); break;
                    case 1: tex.Insert(at, tex[at]); break;
                    default: tex.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                }
            }
            var source = new string([.. tex]);
            var r = _renderer.Render(source, random.Next(2) == 0, new MathDocument());
            Assert.False(string.IsNullOrEmpty(r.Html));
            Assert.DoesNotContain(r.Errors, err => err.Message.StartsWith("Internal error", StringComparison.Ordinal));
            Assert.All(r.Errors, err => Assert.InRange(err.Offset, 0, source.Length));
        }
    }

    [Fact]
    public void Renderer_is_safe_to_share_between_threads()
    {
        var renderer = new MathRenderer();
        var expected = Corpus.Formulas.Take(200).Select(f => renderer.Render(f.Tex, f.Display, new MathDocument()).Html).ToArray();
        Parallel.For(0, 8, _ =>
        {
            for (int i = 0; i < expected.Length; i++)
            {
                var f = Corpus.Formulas[i];
                Assert.Equal(expected[i], renderer.Render(f.Tex, f.Display, new MathDocument()).Html);
            }
        });
    }
}
