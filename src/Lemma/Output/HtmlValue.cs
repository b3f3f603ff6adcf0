using System.Globalization;
using System.Text.Encodings.Web;
using Fluid.Values;
using Lemma.Markdown;

namespace Lemma.Output;

/// <summary>
/// A page body (<see cref="Utf8Html"/>) as Liquid sees it: a string to every filter and comparison, escaped when
/// printed unless passed through <c>raw</c>. Printing and <c>contains</c> work on the UTF-8 bytes; only filters
/// that need the text (strip_html, truncate...) decode it.
/// </summary>
internal sealed class HtmlValue(Utf8Html html, bool encode) : FluidValue
{
    public Utf8Html Html { get; } = html;

    /// <summary>The same body, printed as it is.</summary>
    public HtmlValue Raw() => encode ? new HtmlValue(Html, encode: false) : this;

    public override FluidValues Type => FluidValues.String;

    public override bool Equals(FluidValue other)
    {
        if (other is HtmlValue h) return Html.Equals(h.Html);
        if (other.Type == FluidValues.String) return ToStringValue() == other.ToStringValue();
        // blank, empty and nil decide for themselves, as they do for strings.
        if (other == BlankValue.Instance || other == NilValue.Instance || other == EmptyValue.Instance) return other.Equals(this);
        return false;
    }

    public override bool ToBooleanValue() => true;

    public override decimal ToNumberValue() => 0;

    public override string ToStringValue() => Html.ToString();

    public override object ToObjectValue() => Html.ToString();

    public override ValueTask<FluidValue> GetValueAsync(string name, Fluid.TemplateContext context) => name switch
    {
        "size" => NumberValue.Create(System.Text.Encoding.UTF8.GetCharCount(Html.Bytes)),
        _ => StringValue.Create(Html.ToString()).GetValueAsync(name, context),
    };

    public override bool Contains(FluidValue value) => Html.Contains(value.ToStringValue());

    public override ValueTask WriteToAsync(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo)
    {
        if (encode) writer.Write(encoder.Encode(Html.ToString()));
        else Html.WriteTo(writer);
        return ValueTask.CompletedTask;
    }

    public override bool Equals(object? obj) => obj is HtmlValue h && Html.Equals(h.Html);

    public override int GetHashCode() => Html.GetHashCode();
}
