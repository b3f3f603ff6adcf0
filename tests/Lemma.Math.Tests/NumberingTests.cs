namespace Lemma.Math.Tests;

/// <summary>Equation numbers, \label, \tag, \eqref and \ref across one post (one MathDocument).</summary>
public sealed class NumberingTests
{
    readonly MathRenderer _renderer = new();

    [Fact]
    public void Equation_environment_is_numbered_in_document_order()
    {
        var doc = new MathDocument();
        var a = _renderer.Render(@"\begin{equation}a\end{equation}", true, doc).Html;
        var b = _renderer.Render(@"\begin{equation}b\end{equation}", true, doc).Html;
        Assert.StartsWith("<div class=\"equation\" id=\"eq-1\"><math display=\"block\">", a);
        Assert.EndsWith("</math><span class=\"eqno\">(1)</span></div>", a);
        Assert.StartsWith("<div class=\"equation\" id=\"eq-2\">", b);
        Assert.EndsWith("<span class=\"eqno\">(2)</span></div>", b);
    }

    [Fact]
    public void Starred_environments_and_plain_display_math_are_not_numbered()
    {
        var doc = new MathDocument();
        Assert.StartsWith("<math display=\"block\">", _renderer.Render(@"\begin{equation*}a\end{equation*}", true, doc).Html);
        Assert.StartsWith("<math display=\"block\">", _renderer.Render(@"a=b", true, doc).Html);
        Assert.StartsWith("<math display=\"block\">", _renderer.Render(@"\begin{align*}a&=b\end{align*}", true, doc).Html);
        Assert.Equal(0, doc.EquationCount);
    }

    [Fact]
    public void Label_gives_the_id_and_eqref_links_to_it_even_before_it_is_defined()
    {
        var doc = new MathDocument();
        var reference = _renderer.Render(@"\eqref{loss}", false, doc).Html;
        var equation = _renderer.Render(@"\begin{equation}L = -\log p \label{loss}\end{equation}", true, doc).Html;
        var plainRef = _renderer.Render(@"\ref{loss}", false, doc).Html;
        Assert.Contains("id=\"eq-loss\"", equation);
        var page = doc.ResolveReferences($"<p>see {reference} and {plainRef}</p>{equation}");
        Assert.StartsWith("<p>see <a class=\"eqref\" href=\"#eq-loss\">(1)</a> and <a class=\"ref\" href=\"#eq-loss\">1</a></p>", page);
        Assert.Empty(doc.UnknownLabels);
    }

    [Fact]
    public void Reference_inside_a_formula_is_a_linked_mrow()
    {
        var doc = new MathDocument();
        _renderer.Render(@"x \tag{A} \label{a}", true, doc);
        var html = doc.ResolveReferences(_renderer.Render(@"\text{by } \eqref{a}", false, doc).Html);
        Assert.Contains("<mrow href=\"#eq-a\" class=\"eqref\"><mtext>(A)</mtext></mrow>", html);
    }

    [Fact]
    public void Unknown_labels_are_reported_and_shown_as_question_marks()
    {
        var doc = new MathDocument();
        var html = doc.ResolveReferences(_renderer.Render(@"\eqref{nope}", false, doc).Html);
        Assert.Equal("<a class=\"eqref\" href=\"#eq-nope\">(??)</a>", html);
        Assert.Equal(["nope"], doc.UnknownLabels);
    }

    [Fact]
    public void Tag_replaces_the_number_and_does_not_advance_the_counter()
    {
        var doc = new MathDocument();
        var tagged = _renderer.Render(@"E=mc^2 \tag{Einstein}", true, doc).Html;
        var starred = _renderer.Render(@"x \tag*{[1]}", true, doc).Html;
        var next = _renderer.Render(@"\begin{equation}y\end{equation}", true, doc).Html;
        Assert.EndsWith("<span class=\"eqno\">(Einstein)</span></div>", tagged);
        Assert.EndsWith("<span class=\"eqno\">[1]</span></div>", starred);
        Assert.Contains("<span class=\"eqno\">(1)</span>", next);
    }

    [Fact]
    public void Plain_display_math_with_a_label_is_numbered()
    {
        var doc = new MathDocument();
        var html = _renderer.Render(@"a = b \label{ab}", true, doc).Html;
        Assert.StartsWith("<div class=\"equation\" id=\"eq-ab\">", html);
        Assert.Equal("1", doc.NumberOf("ab"));
    }

    [Fact]
    public void Align_numbers_each_row_in_an_extra_column_with_per_row_ids()
    {
        var doc = new MathDocument();
        var html = _renderer.Render(@"\begin{align} a &= b \label{first} \\ c &= d \nonumber \\ e &= f \end{align}", true, doc).Html;
        Assert.StartsWith("<div class=\"equation\" style=\"position:relative\"><math display=\"block\"><semantics><mtable displaystyle=\"true\">", html);
        const string Cell = "<mtd class=\"eqno\" style=\"position:absolute;right:0;padding:0.5ex 0;\"";
        Assert.Contains(Cell + " id=\"eq-first\"><mtext>(1)</mtext></mtd></mtr>", html);
        Assert.Contains(Cell + "></mtd></mtr>", html);
        Assert.Contains(Cell + " id=\"eq-2\"><mtext>(2)</mtext></mtd></mtr>", html);
        Assert.Equal(2, doc.EquationCount);
        Assert.Equal("1", doc.NumberOf("first"));
    }

    [Fact]
    public void Gather_numbers_rows_and_a_final_newline_makes_no_empty_row()
    {
        var doc = new MathDocument();
        var html = _renderer.Render(@"\begin{gather} a \\ b \\ \end{gather}", true, doc).Html;
        Assert.Equal(2, doc.EquationCount);
        Assert.Equal(2, html.Split("<mtr>").Length - 1);
    }

    [Fact]
    public void A_label_defined_twice_is_an_error_at_the_second_label()
    {
        var doc = new MathDocument();
        _renderer.Render(@"a \label{x}", true, doc);
        var r = _renderer.Render(@"b \label{x}", true, doc);
        Assert.Equal([new MathError(2, 6, "Label 'x' is defined twice")], r.Errors);
        Assert.Equal(1, doc.EquationCount);
    }

    [Fact]
    public void Tag_in_inline_math_is_an_error()
    {
        var r = _renderer.Render(@"x \tag{1}", false);
        Assert.Equal("\\tag works only in display equations", Assert.Single(r.Errors).Message);
    }

    [Fact]
    public void Align_in_inline_math_is_an_error()
    {
        var r = _renderer.Render(@"\begin{align}a\end{align}", false);
        Assert.Equal("{align} can be used only in display mode", Assert.Single(r.Errors).Message);
    }

    [Fact]
    public void Label_ids_replace_characters_unsafe_in_fragments()
    {
        Assert.Equal("eq-my-label:1", MathDocument.AnchorId("my label:1"));
        Assert.Equal("eq-a-b-", MathDocument.AnchorId("a\"b<"));
    }
}
