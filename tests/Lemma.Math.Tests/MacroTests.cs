namespace Lemma.Math.Tests;

public sealed class MacroTests
{
    [Theory]
    [InlineData(@"\newcommand{\F}{\mathbb{F}} x\in\F", "<mrow><mi>x</mi><mo>∈</mo><mi>𝔽</mi></mrow>")]
    [InlineData(@"\newcommand\sq[1]{#1^2} \sq{a}", "<msup><mi>a</mi><mn>2</mn></msup>")]
    [InlineData(@"\newcommand{\pair}[2]{(#1,#2)} \pair{a}{b}", "<mrow><mo stretchy=\"false\">(</mo><mi>a</mi><mo>,</mo><mi>b</mi><mo stretchy=\"false\">)</mo></mrow>")]
    [InlineData(@"\newcommand{\opt}[2][x]{#1+#2} \opt{b} \opt[a]{b}", "<mrow><mi>x</mi><mo>+</mo><mi>b</mi><mi>a</mi><mo>+</mo><mi>b</mi></mrow>")]
    [InlineData(@"\def\f#1#2{#2#1} \f ab", "<mrow><mi>b</mi><mi>a</mi></mrow>")]
    [InlineData(@"\renewcommand{\vec}[1]{\mathbf{#1}} \vec{v}", "<mi>𝐯</mi>")]
    [InlineData(@"\RR^n", "<msup><mi>ℝ</mi><mi>n</mi></msup>")]
    [InlineData(@"\def\foo{a}\edef\copy{\foo}\def\foo{b}\copy\foo", "<mrow><mi>a</mi><mi>b</mi></mrow>")]
    public void Macros_expand_with_arguments(string tex, string mathml) => Assert.Equal(mathml, Render.Inner(tex));

    [Fact]
    public void Newcommand_stays_defined_for_the_rest_of_the_post_only()
    {
        var renderer = new MathRenderer();
        var post = new MathDocument();
        Assert.True(renderer.Render(@"\newcommand{\E}{\mathbb{E}}", false, post).Ok);
        Assert.Contains("<mi>𝔼</mi>", renderer.Render(@"\E[x]", false, post).Html);
        var other = renderer.Render(@"\E[x]", false, new MathDocument());
        Assert.Equal("Undefined control sequence: \\E", Assert.Single(other.Errors).Message);
    }

    [Fact]
    public void Newcommand_refuses_to_redefine_a_builtin()
    {
        var r = new MathRenderer().Render(@"\newcommand{\frac}{x}", false);
        Assert.Equal(new MathError(12, 5, "\\newcommand{\\frac} attempting to redefine \\frac; use \\renewcommand"), Assert.Single(r.Errors));
    }

    [Fact]
    public void Site_macros_accept_names_with_or_without_backslash()
    {
        var renderer = new MathRenderer(new MathOptions { Macros = new Dictionary<string, string> { [@"\KL"] = @"D_{\mathrm{KL}}" } });
        Assert.Contains("<msub><mi>D</mi><mi>KL</mi></msub>", renderer.Render(@"\KL", false).Html);
    }
}
