namespace Lemma.Math.Tests;

/// <summary>Spec tables: TeX in, the MathML inside &lt;semantics&gt; out.</summary>
public sealed class SpecTests
{
    [Theory]
    [InlineData("x", "<mi>x</mi>")]
    [InlineData("x+1", "<mrow><mi>x</mi><mo>+</mo><mn>1</mn></mrow>")]
    [InlineData("3.14", "<mn>3.14</mn>")]
    [InlineData("a-b", "<mrow><mi>a</mi><mo>−</mo><mi>b</mi></mrow>")]
    [InlineData("a/b", "<mrow><mi>a</mi><mi>/</mi><mi>b</mi></mrow>")]
    [InlineData("a*b", "<mrow><mi>a</mi><mo>∗</mo><mi>b</mi></mrow>")]
    [InlineData("x<y", "<mrow><mi>x</mi><mo>&lt;</mo><mi>y</mi></mrow>")]
    [InlineData("f(x)", "<mrow><mi>f</mi><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo></mrow>")]
    [InlineData("|x|", "<mrow><mi>|</mi><mi>x</mi><mi>|</mi></mrow>")]
    [InlineData("f(.)", "<mrow><mi>f</mi><mo stretchy=\"false\">(</mo><mi>.</mi><mo stretchy=\"false\">)</mo></mrow>")]  // TeX's ord: no operator spacing
    [InlineData(@"x \backslash A", "<mrow><mi>x</mi><mi>\\</mi><mi>A</mi></mrow>")]  // U+005C, not ∖ (\setminus)
    [InlineData("α+β", "<mrow><mi>α</mi><mo>+</mo><mi>β</mi></mrow>")]
    [InlineData("a→b", "<mrow><mi>a</mi><mo>→</mo><mi>b</mi></mrow>")]
    [InlineData("∞≤∂", "<mrow><mi>∞</mi><mo>≤</mo><mi>∂</mi></mrow>")]
    [InlineData("Γ", "<mi mathvariant=\"normal\">Γ</mi>")]
    [InlineData("a % comment\n+b", "<mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow>")]
    public void Identifiers_numbers_and_operators(string tex, string mathml) => Assert.Equal(mathml, Render.Inner(tex));

    [Theory]
    [InlineData("-x", "<mrow><mo>−</mo><mi>x</mi></mrow>")]
    [InlineData("(-1)", "<mrow><mo stretchy=\"false\">(</mo><mo form=\"prefix\">−</mo><mn>1</mn><mo stretchy=\"false\">)</mo></mrow>")]
    [InlineData("a=-b", "<mrow><mi>a</mi><mo>=</mo><mo form=\"prefix\">−</mo><mi>b</mi></mrow>")]
    public void A_binary_operator_without_left_operand_is_unary(string tex, string mathml) => Assert.Equal(mathml, Render.Inner(tex));

    [Theory]
    [InlineData("x^2", "<msup><mi>x</mi><mn>2</mn></msup>")]
    [InlineData("x_i^2", "<msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup>")]
    [InlineData("x^23", "<mrow><msup><mi>x</mi><mn>2</mn></msup><mn>3</mn></mrow>")]
    [InlineData("x^{a^b}", "<msup><mi>x</mi><msup><mi>a</mi><mi>b</mi></msup></msup>")]
    [InlineData("f'", "<msup><mi>f</mi><mo>′</mo></msup>")]
    [InlineData("f''(x)", "<mrow><msup><mi>f</mi><mo>″</mo></msup><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo></mrow>")]
    [InlineData("f'^2", "<msup><mi>f</mi><mrow><mo>′</mo><mn>2</mn></mrow></msup>")]
    [InlineData("^2", "<msup><mrow></mrow><mn>2</mn></msup>")]
    [InlineData("{}_a", "<msub><mrow></mrow><mi>a</mi></msub>")]
    public void Scripts(string tex, string mathml) => Assert.Equal(mathml, Render.Inner(tex));

    [Theory]
    [InlineData(@"\sum_{i=1}^n", false, "<msubsup><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></msubsup>")]
    [InlineData(@"\sum_{i=1}^n", true, "<munderover><mo movablelimits=\"false\">∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover>")]
    [InlineData(@"\sum\limits_i", false, "<munder><mo movablelimits=\"false\">∑</mo><mi>i</mi></munder>")]
    [InlineData(@"\sum\nolimits_i", true, "<msub><mo>∑</mo><mi>i</mi></msub>")]
    [InlineData("∑_i", true, "<munder><mo movablelimits=\"false\">∑</mo><mi>i</mi></munder>")]
    [InlineData(@"\int_0^1", true, "<msubsup><mo>∫</mo><mn>0</mn><mn>1</mn></msubsup>")]
    [InlineData(@"\int\limits_0^1", true, "<munderover><mo movablelimits=\"false\">∫</mo><mn>0</mn><mn>1</mn></munderover>")]
    [InlineData(@"\lim_{n} a", true, "<mrow><munder><mi>lim</mi><mi>n</mi></munder><mo>\u2061</mo><mspace width=\"0.1667em\"></mspace><mi>a</mi></mrow>")]
    [InlineData(@"\lim_{n}", false, "<mrow><msub><mi>lim</mi><mi>n</mi></msub><mo>\u2061</mo><mspace width=\"0.1667em\"></mspace></mrow>")]
    [InlineData(@"\max_i x", true, "<mrow><munder><mi>max</mi><mi>i</mi></munder><mo>\u2061</mo><mspace width=\"0.1667em\"></mspace><mi>x</mi></mrow>")]
    [InlineData(@"\log_2 n", true, "<mrow><msub><mi>log</mi><mn>2</mn></msub><mo>\u2061</mo><mspace width=\"0.1667em\"></mspace><mi>n</mi></mrow>")]
    [InlineData(@"\log\det\Sigma", false, "<mrow><mi>log</mi><mo>\u2061</mo><mspace width=\"0.1667em\"></mspace><mi>det</mi><mo>\u2061</mo><mspace width=\"0.1667em\"></mspace><mi mathvariant=\"normal\">Σ</mi></mrow>")]
    [InlineData(@"a\sin x", false, "<mrow><mi>a</mi><mspace width=\"0.1667em\"></mspace><mi>sin</mi><mo>\u2061</mo><mspace width=\"0.1667em\"></mspace><mi>x</mi></mrow>")]
    [InlineData(@"\sin = 0", false, "<mrow><mi>sin</mi><mo>\u2061</mo><mo>=</mo><mn>0</mn></mrow>")]
    [InlineData(@"\sin(x)", false, "<mrow><mi>sin</mi><mo>\u2061</mo><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo></mrow>")]
    [InlineData(@"\operatorname{softmax}(z)", false, "<mrow><mi>softmax</mi><mo>\u2061</mo><mo stretchy=\"false\">(</mo><mi>z</mi><mo stretchy=\"false\">)</mo></mrow>")]
    [InlineData(@"\operatorname*{arg\,max}_x", true, "<mrow><munder><mi>arg\u2009max</mi><mi>x</mi></munder><mo>\u2061</mo><mspace width=\"0.1667em\"></mspace></mrow>")]  // one name, thin space inside
    [InlineData(@"\arg\max_x", true, "<mrow><mi>arg</mi><mo>\u2061</mo><mspace width=\"0.1667em\"></mspace><munder><mi>max</mi><mi>x</mi></munder><mo>\u2061</mo><mspace width=\"0.1667em\"></mspace></mrow>")]
    public void Big_operators_and_operator_names_take_limits_in_display(string tex, bool display, string mathml) =>
        Assert.Equal(mathml, Render.Inner(tex, display));

    [Theory]
    [InlineData(@"\frac{a}{b}", "<mfrac><mi>a</mi><mi>b</mi></mfrac>")]
    [InlineData(@"\frac12", "<mfrac><mn>1</mn><mn>2</mn></mfrac>")]
    [InlineData(@"\dfrac{a}{b}", "<mrow displaystyle=\"true\" scriptlevel=\"0\"><mfrac><mi>a</mi><mi>b</mi></mfrac></mrow>")]
    [InlineData(@"\tfrac{a}{b}", "<mrow displaystyle=\"false\" scriptlevel=\"0\"><mfrac><mi>a</mi><mi>b</mi></mfrac></mrow>")]
    [InlineData(@"a \over b", "<mfrac><mi>a</mi><mi>b</mi></mfrac>")]
    [InlineData(@"\binom{n}{k}", "<mrow><mo fence=\"true\" form=\"prefix\" stretchy=\"true\" symmetric=\"true\">(</mo><mfrac linethickness=\"0\"><mi>n</mi><mi>k</mi></mfrac><mo fence=\"true\" form=\"postfix\" stretchy=\"true\" symmetric=\"true\">)</mo></mrow>")]
    [InlineData(@"\sqrt{x}", "<msqrt><mi>x</mi></msqrt>")]
    [InlineData(@"\sqrt{x+1}", "<msqrt><mi>x</mi><mo>+</mo><mn>1</mn></msqrt>")]
    [InlineData(@"\sqrt[3]{x}", "<mroot><mi>x</mi><mn>3</mn></mroot>")]
    public void Fractions_binomials_and_roots(string tex, string mathml) => Assert.Equal(mathml, Render.Inner(tex));

    [Theory]
    [InlineData(@"\alpha", "<mi>α</mi>")]
    [InlineData(@"\Gamma", "<mi mathvariant=\"normal\">Γ</mi>")]
    [InlineData(@"\varepsilon", "<mi>ε</mi>")]
    [InlineData(@"\infty", "<mi>∞</mi>")]
    [InlineData(@"\nabla", "<mi mathvariant=\"normal\">∇</mi>")]
    [InlineData(@"\varGamma", "<mi>𝛤</mi>")]
    [InlineData(@"a^{\prime}", "<msup><mi>a</mi><mo>′</mo></msup>")]  // the same token as a'
    [InlineData(@"a'", "<msup><mi>a</mi><mo>′</mo></msup>")]                     // the italic capital itself
    [InlineData(@"\bra{\phi}", "<mrow><mo stretchy=\"false\">⟨</mo><mi>ϕ</mi><mi>|</mi></mrow>")]
    [InlineData(@"\partial", "<mi>∂</mi>")]
    [InlineData(@"\ell", "<mi>ℓ</mi>")]
    [InlineData(@"\leq", "<mo>≤</mo>")]
    [InlineData(@"\neq", "<mo>≠</mo>")]
    [InlineData(@"\not\in", "<mo>∉</mo>")]
    [InlineData(@"\not\equiv", "<mo>≢</mo>")]
    [InlineData(@"\not\prec", "<mo>⊀</mo>")]
    [InlineData(@"\not\approxeq", "<mo>≊\u0338</mo>")]
    [InlineData(@"\Rightarrow", "<mo>⇒</mo>")]
    [InlineData(@"\mapsto", "<mo>↦</mo>")]
    [InlineData(@"\times", "<mo>×</mo>")]
    [InlineData(@"\odot", "<mo>⊙</mo>")]
    [InlineData(@"\langle", "<mo stretchy=\"false\">⟨</mo>")]
    [InlineData(@"\|", "<mi>‖</mi>")]
    [InlineData(@"\vert", "<mi>|</mi>")]
    [InlineData(@"\forall", "<mi>∀</mi>")]                      // TeX ord: no operator spacing
    [InlineData(@"\emptyset", "<mi>∅</mi>")]                    // math-auto leaves ∅ upright: no mathvariant
    public void Symbols_follow_KaTeX_table(string tex, string mathml) => Assert.Equal(mathml, Render.Inner(tex));

    [Theory]
    [InlineData(@"\mathbf{x}", "<mi>𝐱</mi>")]
    [InlineData(@"\mathbf{W}_1", "<msub><mi>𝐖</mi><mn>1</mn></msub>")]
    [InlineData(@"\mathbf{1}", "<mn>𝟏</mn>")]
    [InlineData(@"\mathbb{R}", "<mi>ℝ</mi>")]
    [InlineData(@"\mathbb{E}", "<mi>𝔼</mi>")]
    [InlineData(@"\mathcal{L}", "<mi>ℒ</mi>")]
    [InlineData(@"\mathcal{D}", "<mi>𝒟</mi>")]
    [InlineData(@"\mathscr{F}", "<mi>ℱ</mi>")]
    [InlineData(@"\mathfrak{g}", "<mi>𝔤</mi>")]
    [InlineData(@"\mathsf{T}", "<mi>𝖳</mi>")]
    [InlineData(@"\mathtt{x}", "<mi>𝚡</mi>")]
    [InlineData(@"\mathit{h}", "<mi>h</mi>")]
    [InlineData(@"\mathrm{d}", "<mi mathvariant=\"normal\">d</mi>")]
    [InlineData(@"\mathrm{KL}", "<mi>KL</mi>")]
    [InlineData(@"\boldsymbol{\theta}", "<mi>𝜽</mi>")]
    [InlineData(@"\bm{x}", "<mi>𝒙</mi>")]
    [InlineData(@"\boldsymbol{\Sigma}", "<mi>𝚺</mi>")]
    [InlineData(@"\mathbf{\mu}", "<mi>𝛍</mi>")]
    [InlineData(@"\text{if } x", "<mrow><mtext>if\u00A0</mtext><mi>x</mi></mrow>")]
    [InlineData(@"\text{a $x$ b}", "<mrow><mtext>a\u00A0</mtext><mi>x</mi><mtext>\u00A0b</mtext></mrow>")]
    [InlineData(@"\textbf{ab}", "<mtext>𝐚𝐛</mtext>")]
    [InlineData(@"\emph{a \emph{b}}", "<mrow><mtext>𝑎\u00A0</mtext><mtext>b</mtext></mrow>")]
    [InlineData(@"\texttt{f}", "<mtext>𝚏</mtext>")]
    [InlineData(@"\text{\'e}", "<mtext>e\u0301</mtext>")]
    [InlineData(@"\text{sentence_length}", "<mtext>sentence_length</mtext>")]
    [InlineData(@"\text{a^b #1}", "<mtext>a^b #1</mtext>")]
    public void Fonts_map_to_Unicode_math_alphanumerics(string tex, string mathml) => Assert.Equal(mathml, Render.Inner(tex));

    // A braced run of letters is read as one word; anything else in the braces gives the same result letter by letter.
    [Theory]
    [InlineData(@"\mathrm{softmax}(z)", "<mrow><mi>softmax</mi><mo stretchy=\"false\">(</mo><mi>z</mi><mo stretchy=\"false\">)</mo></mrow>")]
    [InlineData(@"\mathrm{ab}^2", "<msup><mi>ab</mi><mn>2</mn></msup>")]
    [InlineData(@"\mathrm{a b}", "<mi>ab</mi>")]
    [InlineData(@"\mathrm{ab1}", "<mrow><mi>ab</mi><mn>1</mn></mrow>")]
    [InlineData(@"\mathrm{ab\alpha}", "<mi>abα</mi>")]
    [InlineData(@"\mathrm{a_b}", "<msub><mi mathvariant=\"normal\">a</mi><mi mathvariant=\"normal\">b</mi></msub>")]
    [InlineData(@"\mathrm{Ab'}", "<mrow><mi mathvariant=\"normal\">A</mi><msup><mi mathvariant=\"normal\">b</mi><mo>′</mo></msup></mrow>")]
    [InlineData(@"\mathrm{}", "<mrow></mrow>")]
    [InlineData(@"\def\w{ab}\mathrm{\w c}", "<mi>abc</mi>")]
    [InlineData(@"\mathrm{abcdefghijklmnopqrstuvwxyzABCDEFGHIJ}", "<mi>abcdefghijklmnopqrstuvwxyzABCDEFGHIJ</mi>")]
    public void Upright_letters_in_braces_form_one_identifier(string tex, string mathml) => Assert.Equal(mathml, Render.Inner(tex));

    [Theory]
    [InlineData(@"\hat{y}", "<mover accent=\"true\"><mi>y</mi><mo stretchy=\"false\">ˆ</mo></mover>")]
    [InlineData(@"\widehat{xy}", "<mover accent=\"true\"><mrow><mi>x</mi><mi>y</mi></mrow><mo stretchy=\"true\">\u0302</mo></mover>")]
    [InlineData(@"\tilde{x}", "<mover accent=\"true\"><mi>x</mi><mo stretchy=\"false\">~</mo></mover>")]
    [InlineData(@"\bar{x}", "<mover accent=\"true\"><mi>x</mi><mo stretchy=\"false\">‾</mo></mover>")]
    [InlineData(@"\vec{v}", "<mover accent=\"true\"><mi>v</mi><mo stretchy=\"false\">→</mo></mover>")]
    [InlineData(@"\dot{x}", "<mover accent=\"true\"><mi>x</mi><mo stretchy=\"false\">˙</mo></mover>")]
    [InlineData(@"\overline{AB}", "<mover accent=\"true\"><mrow><mi>A</mi><mi>B</mi></mrow><mo stretchy=\"true\">‾</mo></mover>")]
    [InlineData(@"\underline{x}", "<munder accentunder=\"true\"><mi>x</mi><mo stretchy=\"true\">_</mo></munder>")]
    [InlineData(@"\overrightarrow{AB}", "<mover accent=\"true\"><mrow><mi>A</mi><mi>B</mi></mrow><mo stretchy=\"true\">→</mo></mover>")]
    [InlineData(@"\underbrace{a+b}_{n}", "<munder><munder><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mo stretchy=\"true\">⏟</mo></munder><mi>n</mi></munder>")]
    [InlineData(@"\overbrace{x}^{k}", "<mover><mover><mi>x</mi><mo stretchy=\"true\">⏞</mo></mover><mi>k</mi></mover>")]
    public void Accents_and_braces(string tex, string mathml) => Assert.Equal(mathml, Render.Inner(tex));

    [Theory]
    [InlineData(@"\left(x\right)", "<mrow><mo fence=\"true\" form=\"prefix\" stretchy=\"true\" symmetric=\"true\">(</mo><mi>x</mi><mo fence=\"true\" form=\"postfix\" stretchy=\"true\" symmetric=\"true\">)</mo></mrow>")]
    [InlineData(@"\left.x\right|", "<mrow><mi>x</mi><mo fence=\"true\" form=\"postfix\" stretchy=\"true\" symmetric=\"true\">|</mo></mrow>")]
    [InlineData(@"\left\langle a \middle| b\right\rangle", "<mrow><mo fence=\"true\" form=\"prefix\" stretchy=\"true\" symmetric=\"true\">⟨</mo><mi>a</mi><mo fence=\"true\" stretchy=\"true\" symmetric=\"true\" lspace=\"0.05em\" rspace=\"0.05em\">|</mo><mi>b</mi><mo fence=\"true\" form=\"postfix\" stretchy=\"true\" symmetric=\"true\">⟩</mo></mrow>")]
    [InlineData(@"\big(", "<mo minsize=\"1.2em\" maxsize=\"1.2em\" stretchy=\"true\" symmetric=\"true\" lspace=\"0em\" rspace=\"0em\">(</mo>")]
    [InlineData(@"\Bigl[", "<mo minsize=\"1.8em\" maxsize=\"1.8em\" stretchy=\"true\" symmetric=\"true\" form=\"prefix\" fence=\"true\">[</mo>")]
    [InlineData(@"\biggr\}", "<mo minsize=\"2.4em\" maxsize=\"2.4em\" stretchy=\"true\" symmetric=\"true\" form=\"postfix\" fence=\"true\">}</mo>")]
    [InlineData(@"\Biggm\vert", "<mo minsize=\"3em\" maxsize=\"3em\" stretchy=\"true\" symmetric=\"true\" form=\"infix\">|</mo>")]
    [InlineData(@"\norm{x}", "<mrow><mo fence=\"true\" form=\"prefix\" stretchy=\"true\" symmetric=\"true\">‖</mo><mi>x</mi><mo fence=\"true\" form=\"postfix\" stretchy=\"true\" symmetric=\"true\">‖</mo></mrow>")]
    public void Delimiters(string tex, string mathml) => Assert.Equal(mathml, Render.Inner(tex));

    [Theory]
    [InlineData(@"a\,b", "<mrow><mi>a</mi><mspace width=\"0.1667em\"></mspace><mi>b</mi></mrow>")]
    [InlineData(@"a\;b", "<mrow><mi>a</mi><mspace width=\"0.2778em\"></mspace><mi>b</mi></mrow>")]
    [InlineData(@"a\!b", "<mrow><mi>a</mi><mspace width=\"-0.1667em\"></mspace><mi>b</mi></mrow>")]
    [InlineData(@"a\quad b", "<mrow><mi>a</mi><mspace width=\"1em\"></mspace><mi>b</mi></mrow>")]
    [InlineData(@"a\qquad b", "<mrow><mi>a</mi><mspace width=\"2em\"></mspace><mi>b</mi></mrow>")]
    [InlineData(@"a\hspace{3pt}b", "<mrow><mi>a</mi><mspace width=\"0.3em\"></mspace><mi>b</mi></mrow>")]
    [InlineData(@"a\mkern9mu b", "<mrow><mi>a</mi><mspace width=\"0.5em\"></mspace><mi>b</mi></mrow>")]
    [InlineData(@"\phantom{x}", "<mphantom><mi>x</mi></mphantom>")]
    [InlineData(@"x^{a\kern1em b}", "<msup><mi>x</mi><mrow><mi>a</mi><mspace width=\"1.4286em\"></mspace><mi>b</mi></mrow></msup>")]  // the text font's em, in a 70% script
    [InlineData(@"x^{a\mkern18mu b}", "<msup><mi>x</mi><mrow><mi>a</mi><mspace width=\"1em\"></mspace><mi>b</mi></mrow></msup>")]  // mu follows the style
    [InlineData(@"\displaystyle a\pod{n}", "<mrow displaystyle=\"true\" scriptlevel=\"0\"><mi>a</mi><mspace width=\"1em\"></mspace><mo stretchy=\"false\">(</mo><mi>n</mi><mo stretchy=\"false\">)</mo></mrow>")]
    [InlineData(@"a~b", "<mrow><mi>a</mi><mtext>\u00A0</mtext><mi>b</mi></mrow>")]
    public void Spacing(string tex, string mathml) => Assert.Equal(mathml, Render.Inner(tex));

    [Theory]
    [InlineData(@"\color{red} a", "<mrow mathcolor=\"red\"><mi>a</mi></mrow>")]
    [InlineData(@"\textcolor{blue}{a}b", "<mrow><mrow mathcolor=\"blue\"><mi>a</mi></mrow><mi>b</mi></mrow>")]
    [InlineData(@"\color{#ff0000}x", "<mrow mathcolor=\"#ff0000\"><mi>x</mi></mrow>")]
    [InlineData(@"\boxed{x}", "<mrow style=\"border:0.06em solid;padding:0.2em 0.3em;\"><mi>x</mi></mrow>")]
    [InlineData(@"\stackrel{?}{=}", "<mover><mo>=</mo><mo>?</mo></mover>")]
    [InlineData(@"\overset{def}{=}", "<mover><mo>=</mo><mrow><mi>d</mi><mi>e</mi><mi>f</mi></mrow></mover>")]
    [InlineData(@"\underset{x}{\min}", "<munder><mrow><mi>min</mi></mrow><mi>x</mi></munder>")]
    [InlineData(@"\xrightarrow{f}", "<mrow><mspace width=\"0.2778em\"></mspace><mover><mo stretchy=\"true\" lspace=\"0\" rspace=\"0\">→</mo><mover><mrow><mspace width=\"0.4286em\"></mspace><mi>f</mi><mspace width=\"0.4286em\"></mspace></mrow><mspace width=\"3.5em\"></mspace></mover></mover><mspace width=\"0.2778em\"></mspace></mrow>")]
    [InlineData(@"\sum_{\substack{i\\j}}", "<msub><mo>∑</mo><mtable><mtr><mtd style=\"padding:0;\"><mi>i</mi></mtd></mtr><mtr><mtd style=\"padding:0;\"><mi>j</mi></mtd></mtr></mtable></msub>")]
    [InlineData(@"a \bmod b", "<mrow><mi>a</mi><mo>mod</mo><mi>b</mi></mrow>")]
    [InlineData(@"a \pmod{n}", "<mrow><mi>a</mi><mspace width=\"0.4444em\"></mspace><mo stretchy=\"false\">(</mo><mi>mod</mi><mspace width=\"0.3333em\"></mspace><mi>n</mi><mo stretchy=\"false\">)</mo></mrow>")]
    [InlineData(@"a, \dots, b", "<mrow><mi>a</mi><mo>,</mo><mo>…</mo><mo>,</mo><mi>b</mi></mrow>")]
    [InlineData(@"a + \dots + b", "<mrow><mi>a</mi><mo>+</mo><mo>⋯</mo><mo>+</mo><mi>b</mi></mrow>")]
    [InlineData(@"\cdots\vdots\ddots\ldots", "<mrow><mo>⋯</mo><mi>⋮</mi><mo>⋱</mo><mo>…</mo></mrow>")]
    public void Colour_boxes_stacking_and_dots(string tex, string mathml) => Assert.Equal(mathml, Render.Inner(tex));

    [Theory]
    [InlineData(@"\begin{matrix}a&b\end{matrix}", "<mtable><mtr><mtd><mi>a</mi></mtd><mtd><mi>b</mi></mtd></mtr></mtable>")]
    [InlineData(@"\begin{bmatrix}1\\2\end{bmatrix}", "<mrow><mo fence=\"true\" form=\"prefix\" stretchy=\"true\" symmetric=\"true\">[</mo><mtable><mtr><mtd><mn>1</mn></mtd></mtr><mtr><mtd><mn>2</mn></mtd></mtr></mtable><mo fence=\"true\" form=\"postfix\" stretchy=\"true\" symmetric=\"true\">]</mo></mrow>")]
    [InlineData(@"\begin{vmatrix}a\end{vmatrix}", "<mrow><mo fence=\"true\" form=\"prefix\" stretchy=\"true\" symmetric=\"true\">|</mo><mtable><mtr><mtd><mi>a</mi></mtd></mtr></mtable><mo fence=\"true\" form=\"postfix\" stretchy=\"true\" symmetric=\"true\">|</mo></mrow>")]
    [InlineData(@"\begin{cases}1&x>0\\0&\text{else}\end{cases}", "<mrow><mo fence=\"true\" form=\"prefix\" stretchy=\"true\" symmetric=\"true\">{</mo><mtable><mtr><mtd style=\"text-align:left;padding-left:0;\"><mn>1</mn></mtd><mtd style=\"text-align:left;padding-left:1em;\"><mrow><mi>x</mi><mo>&gt;</mo><mn>0</mn></mrow></mtd></mtr><mtr><mtd style=\"text-align:left;padding-left:0;\"><mn>0</mn></mtd><mtd style=\"text-align:left;padding-left:1em;\"><mtext>else</mtext></mtd></mtr></mtable></mrow>")]
    [InlineData(@"\begin{aligned}a&=b\\&=c\end{aligned}", "<mtable displaystyle=\"true\"><mtr><mtd style=\"text-align:right;padding-right:0;\"><mi>a</mi></mtd><mtd style=\"text-align:left;padding-left:0;\"><mrow><mo form=\"infix\">=</mo><mi>b</mi></mrow></mtd></mtr><mtr><mtd style=\"text-align:right;padding-right:0;\"></mtd><mtd style=\"text-align:left;padding-left:0;\"><mrow><mo form=\"infix\">=</mo><mi>c</mi></mrow></mtd></mtr></mtable>")]
    [InlineData(@"\begin{array}{l|r}a&b\end{array}", "<mtable><mtr><mtd style=\"text-align:left;\"><mi>a</mi></mtd><mtd style=\"text-align:right;border-left:0.06em solid;\"><mi>b</mi></mtd></mtr></mtable>")]
    [InlineData(@"\begin{array}{c}\hline a\\\hline\end{array}", "<mtable><mtr><mtd style=\"border-bottom:0.06em solid;border-top:0.06em solid;\"><mi>a</mi></mtd></mtr></mtable>")]
    [InlineData(@"\begin{gathered}a\\b\end{gathered}", "<mtable displaystyle=\"true\"><mtr><mtd><mi>a</mi></mtd></mtr><mtr><mtd><mi>b</mi></mtd></mtr></mtable>")]
    [InlineData(@"\displaylines{a\\b}", "<mtable displaystyle=\"true\"><mtr><mtd><mi>a</mi></mtd></mtr><mtr><mtd><mi>b</mi></mtd></mtr></mtable>")]
    [InlineData(@"\begin{smallmatrix}a\end{smallmatrix}", "<mtable scriptlevel=\"1\"><mtr><mtd style=\"padding:0.1em 0.2em;\"><mi>a</mi></mtd></mtr></mtable>")]
    public void Environments(string tex, string mathml) => Assert.Equal(mathml, Render.Inner(tex));

    // What MathJax accepts as written: text-mode characters that only mean something in math are literal there.
    [Theory]
    [InlineData(@"\text{sentence_length}", "<mtext>sentence_length</mtext>")]
    [InlineData(@"\text{ & }", "<mtext>\u00A0&amp;\u00A0</mtext>")]
    [InlineData(@"\text{x^2 #1}", "<mtext>x^2 #1</mtext>")]
    [InlineData(@"\begin{array}{c}\text{a & b}\end{array}", "<mtable><mtr><mtd><mtext>a &amp; b</mtext></mtd></mtr></mtable>")]
    public void Text_takes_what_MathJax_takes(string tex, string mathml) => Assert.Equal(mathml, Render.Inner(tex));

    [Theory]
    [InlineData(@"\operatorname{Gam-ma}(z)", "<mrow><mi>Gam-ma</mi><mo>\u2061</mo><mo stretchy=\"false\">(</mo><mi>z</mi><mo stretchy=\"false\">)</mo></mrow>")]
    [InlineData(@"\operatorname{sgn*}", "<mrow><mi>sgn*</mi><mo>\u2061</mo><mspace width=\"0.1667em\"></mspace></mrow>")]
    [InlineData(@"\operatorname{\Gamma}", "<mrow><mi mathvariant=\"normal\">Γ</mi><mo>\u2061</mo><mspace width=\"0.1667em\"></mspace></mrow>")]
    public void An_operator_name_made_of_text_is_one_word(string tex, string mathml) => Assert.Equal(mathml, Render.Inner(tex));

    [Fact]
    public void An_empty_label_under_an_extensible_arrow_is_no_label() =>
        Assert.Equal(Render.Inner(@"\xrightarrow{a}"), Render.Inner(@"\xrightarrow[]{a}"));

    [Theory]
    [InlineData(@"\sideset{_1^2}{_3^4}\sum", false, "<mmultiscripts><mo>∑</mo><mn>3</mn><mn>4</mn><mprescripts></mprescripts><mn>1</mn><mn>2</mn></mmultiscripts>")]
    [InlineData(@"\sideset{}{'}\sum_{n}", true, "<munder><mmultiscripts><mo movablelimits=\"false\">∑</mo><mrow></mrow><mo>′</mo><mprescripts></mprescripts><mrow></mrow><mrow></mrow></mmultiscripts><mi>n</mi></munder>")]
    public void Sideset_puts_scripts_at_the_corners_of_an_operator(string tex, bool display, string mathml) =>
        Assert.Equal(mathml, Render.Inner(tex, display));

    [Theory]
    [InlineData(@"\mathchoice{D}{T}{S}{W}", "<mi>T</mi>")]
    [InlineData(@"\displaystyle\mathchoice{D}{T}{S}{W}", "<mrow displaystyle=\"true\" scriptlevel=\"0\"><mi>D</mi></mrow>")]
    [InlineData(@"\scriptstyle\mathchoice{D}{T}{S}{W}", "<mrow displaystyle=\"false\" scriptlevel=\"1\"><mi>S</mi></mrow>")]
    [InlineData(@"x_{\mathchoice{D}{T}{S}{W}}", "<msub><mi>x</mi><mi>S</mi></msub>")]
    [InlineData(@"x_{y_{\mathchoice{D}{T}{S}{W}}}", "<msub><mi>x</mi><msub><mi>y</mi><mi>W</mi></msub></msub>")]
    [InlineData(@"\frac{\mathchoice{D}{T}{S}{W}}{1}", "<mfrac><mi>S</mi><mn>1</mn></mfrac>")]
    [InlineData(@"\dfrac{\mathchoice{D}{T}{S}{W}}{1}", "<mrow displaystyle=\"true\" scriptlevel=\"0\"><mfrac><mi>T</mi><mn>1</mn></mfrac></mrow>")]
    [InlineData(@"\sqrt[\mathchoice{D}{T}{S}{W}]{x}", "<mroot><mi>x</mi><mi>W</mi></mroot>")]
    public void Mathchoice_follows_the_style(string tex, string mathml) => Assert.Equal(mathml, Render.Inner(tex));

    [Fact]
    public void CD_rows_alternate_objects_with_horizontal_arrows_and_vertical_arrows()
    {
        var html = Render.Inner(@"\begin{CD}A @>f>> B \\ @VgVV @. \\ C @= D\end{CD}", display: true);
        Assert.StartsWith("<mtable><mtr><mtd style=\"padding-left:0em;padding-right:0.25em;\"><mrow displaystyle=\"true\" scriptlevel=\"0\"><mi>A</mi></mrow></mtd>", html);
        // The labelled right arrow stretches over its label (padded) and a 6em minimum.
        Assert.Contains("<mover><mo stretchy=\"true\" lspace=\"0\" rspace=\"0\">→</mo><mover><mrow><mspace width=\"0.4286em\"></mspace><mi>f</mi>", html);
        // The vertical arrow row: the arrow with its left label, then the gap cell, then the empty arrow '@.'.
        Assert.Contains("<mtr><mtd style=\"padding-left:0em;padding-right:0.25em;\"><mrow><mpadded width=\"0\" displaystyle=\"false\" scriptlevel=\"1\" lspace=\"-100%\">", html);
        Assert.Contains(">↓</mo><mrow></mrow></mrow></mtd><mtd style=\"padding-left:0.25em;padding-right:0.25em;\"><mrow displaystyle=\"true\" scriptlevel=\"0\"></mrow></mtd><mtd style=\"padding-left:0.25em;padding-right:0em;\"><mrow></mrow></mtd></mtr>", html);
        Assert.Contains("<mover><mo stretchy=\"true\" lspace=\"0\" rspace=\"0\">=</mo><mspace width=\"4.2857em\"></mspace></mover>", html);
        Assert.Equal(3, html.Split("<mtr><mtd style=\"padding-left:0em;").Length - 1); // three rows (the label has its own mtr)
    }

    [Fact]
    public void Vcenter_is_a_one_cell_table_centred_on_the_axis() =>
        Assert.Equal("<mtable><mtr><mtd style=\"padding:0;\"><mi>x</mi></mtd></mtr></mtable>", Render.Inner(@"\vcenter{x}"));

    [Fact]
    public void Output_is_math_with_semantics_and_a_TeX_annotation()
    {
        var r = new MathRenderer().Render("a<b", display: true);
        Assert.Equal("<math display=\"block\"><semantics><mrow><mi>a</mi><mo>&lt;</mo><mi>b</mi></mrow>"
            + "<annotation encoding=\"application/x-tex\">a&lt;b</annotation></semantics></math>", r.Html);
        Assert.StartsWith("<math><semantics>", new MathRenderer().Render("x", display: false).Html);
    }
}
