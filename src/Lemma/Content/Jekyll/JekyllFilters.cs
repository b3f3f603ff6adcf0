using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Fluid;
using Fluid.Values;
using Markdig;

namespace Lemma.Content.Jekyll;

/// <summary>Jekyll's filters that page bodies use, beside Liquid's own (Fluid has where, sort, date and the rest).</summary>
internal static class JekyllFilters
{
    // markdownify's pipeline: built once, frozen.
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UsePipeTables().UseFootnotes().Build();

    public static void Register(FilterCollection filters)
    {
        filters.AddFilter("relative_url", (input, _, context) => new StringValue(RelativeUrl(Site(context), input.ToStringValue())));
        filters.AddFilter("absolute_url", (input, _, context) => new StringValue(AbsoluteUrl(Site(context), input.ToStringValue())));
        filters.AddFilter("markdownify", (input, _, _) => new StringValue(Markdig.Markdown.ToHtml(input.ToStringValue(), Markdown).TrimEnd('\n')));
        filters.AddFilter("xml_escape", (input, _, _) => new StringValue(WebUtility.HtmlEncode(input.ToStringValue())));
        filters.AddFilter("cgi_escape", (input, _, _) => new StringValue(WebUtility.UrlEncode(input.ToStringValue())));
        filters.AddFilter("uri_escape", (input, _, _) => new StringValue(Uri.EscapeDataString(input.ToStringValue()).Replace("%2F", "/")));
        filters.AddFilter("jsonify", (input, _, _) => new StringValue(JsonSerializer.Serialize(Plain(input))));
        filters.AddFilter("slugify", (input, _, _) => new StringValue(Slugify(input.ToStringValue())));
        filters.AddFilter("date_to_string", (input, args, context) => Date(input, context, "dd MMM yyyy", args));
        filters.AddFilter("date_to_long_string", (input, args, context) => Date(input, context, "dd MMMM yyyy", args));
        filters.AddFilter("date_to_xmlschema", (input, _, context) => Date(input, context, "yyyy-MM-dd'T'HH:mm:sszzz", FilterArguments.Empty));
        filters.AddFilter("date_to_rfc822", (input, _, context) => Date(input, context, "ddd, dd MMM yyyy HH:mm:ss zzz", FilterArguments.Empty));
        filters.AddFilter("number_of_words", (input, _, _) => NumberValue.Create(input.ToStringValue().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length));
        filters.AddFilter("normalize_whitespace", (input, _, _) => new StringValue(string.Join(' ', input.ToStringValue().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));
        filters.AddFilter("array_to_sentence_string", (input, args, context) => new StringValue(Sentence(input, args.At(0).IsNil() ? "and" : args.At(0).ToStringValue(), context)));
    }

    private static JekyllSite Site(TemplateContext context) => (JekyllSite)context.AmbientValues[JekyllLiquid.SiteKey]!;

    internal static string RelativeUrl(JekyllSite site, string url) => JekyllTags.RelativeUrl(site, url);

    private static string AbsoluteUrl(JekyllSite site, string url)
    {
        if (url.Contains("://", StringComparison.Ordinal)) return url;
        var relative = RelativeUrl(site, url);
        return Uri.TryCreate(site.BaseUrl, UriKind.Absolute, out var b) ? b.GetLeftPart(UriPartial.Authority) + relative : relative;
    }

    /// <summary>Jekyll's default slugify: lower case, every run of characters other than letters and digits one '-'.</summary>
    internal static string Slugify(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c)) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().Trim('-');
    }

    /// <summary>"01 Jan 2020"; with "ordinal" (Jekyll's second argument) "1st Jan 2020", with "US" the month first.</summary>
    private static ValueTask<FluidValue> Date(FluidValue input, TemplateContext context, string format, FilterArguments args)
    {
        if (!input.TryGetDateTimeInput(context, out var date)) return input;
        var ordinal = args.At(0).ToStringValue() == "ordinal";
        var us = args.At(1).ToStringValue() == "US";
        var month = format.Contains("MMMM", StringComparison.Ordinal) ? "MMMM" : "MMM";
        if (!ordinal && !us) return new StringValue(date.ToString(format, CultureInfo.InvariantCulture));
        var day = ordinal ? date.Day + Suffix(date.Day) : date.Day.ToString("00", CultureInfo.InvariantCulture);
        var monthText = date.ToString(month, CultureInfo.InvariantCulture);
        return new StringValue(us ? $"{monthText} {day}, {date.Year}" : $"{day} {monthText} {date.Year}");
    }

    private static string Suffix(int day) => (day % 100) is 11 or 12 or 13 ? "th" : (day % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };

    private static string Sentence(FluidValue input, string connector, TemplateContext context)
    {
        var items = input.Enumerate(context).Select(v => v.ToStringValue()).ToList();
        return items.Count switch
        {
            0 => "",
            1 => items[0],
            2 => $"{items[0]} {connector} {items[1]}",
            _ => string.Join(", ", items[..^1]) + $", {connector} {items[^1]}",
        };
    }

    /// <summary>A Liquid value as plain .NET values JSON can write.</summary>
    private static object? Plain(FluidValue value) => value.ToObjectValue() switch
    {
        FluidValue v => v.ToStringValue(),
        var other => other,
    };
}
