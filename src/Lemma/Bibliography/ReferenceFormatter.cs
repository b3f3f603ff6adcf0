using System.Text;

namespace Lemma.Bibliography;

/// <summary>
/// How entries read on a page: the short label of a citation ("Vaswani et al.") and the full reference of the
/// reference list, as HTML (with DOI and arXiv links) and as plain text (for a hover title).
/// <c>Authors. Year. “Title.” In <em>Venue</em>, volume (number), pages. Publisher. doi arXiv</c>.
/// </summary>
public static class ReferenceFormatter
{
    /// <summary>"Vaswani", "Vaswani and Shazeer", "Vaswani et al."; editors when there are no authors, else the title.</summary>
    public static string AuthorLabel(BibEntry entry)
    {
        var people = entry.Authors.IsEmpty ? entry.Editors : entry.Authors;
        if (people.IsEmpty) return entry.Title is { } title ? Shorten(title) : entry.Key;
        var named = people.Where(p => !p.IsOthers).ToList();
        var more = named.Count < people.Length;
        if (named.Count == 0) return entry.Key;
        return named.Count switch
        {
            1 when !more => named[0].FamilyName,
            2 when !more => named[0].FamilyName + " and " + named[1].FamilyName,
            _ => named[0].FamilyName + " et al.",
        };
    }

    public static string YearOrNd(BibEntry entry) => entry.Year ?? "n.d.";

    public static string Html(BibEntry entry, string yearSuffix = "") => Format(entry, yearSuffix, html: true);

    public static string Text(BibEntry entry, string yearSuffix = "") => Format(entry, yearSuffix, html: false);

    /// <summary>The first words of a title standing in for missing authors, in quotes.</summary>
    private static string Shorten(string title)
    {
        var words = title.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return "“" + (words.Length <= 4 ? title : string.Join(' ', words.Take(4)) + "…") + "”";
    }

    private static string Format(BibEntry e, string yearSuffix, bool html)
    {
        string Esc(string s) => html ? Escape(s) : s;
        string Em(string s) => html ? "<em>" + Esc(s) + "</em>" : s;
        var parts = new List<string>();

        var people = e.Authors.IsEmpty ? e.Editors : e.Authors;
        if (!people.IsEmpty)
            parts.Add(Esc(PeopleList(people) + (e.Authors.IsEmpty ? (e.Editors.Length == 1 ? ", ed." : ", eds.") : "")));
        parts.Add(Esc(YearOrNd(e) + yearSuffix));

        var isBook = e.Type is "book" or "phdthesis" or "mastersthesis" or "proceedings" or "manual";
        if (e.Title is { } title)
        {
            var t = title.TrimEnd('.');
            parts.Add(isBook ? Em(t) : Esc("“" + t + ".”"));
        }

        var venue = new StringBuilder();
        var container = e.Type switch
        {
            "article" => e["journal"] ?? e["journaltitle"],
            "inproceedings" or "incollection" or "conference" => e["booktitle"],
            _ => null,
        };
        if (container is not null && !(e.Arxiv is not null && container.StartsWith("arXiv", StringComparison.OrdinalIgnoreCase)))
        {
            if (e.Type != "article") venue.Append("In ");
            venue.Append(Em(container));
            if (e["volume"] is { } volume) venue.Append(' ').Append(Esc(volume));
            if (e["number"] is { } number) venue.Append(Esc($" ({number})"));
            if (e["pages"] is { } pages) venue.Append(Esc((e["volume"] is null && e["number"] is null ? ", " : ": ") + pages));
        }
        else if (e["pages"] is { } pages && !isBook) venue.Append(Esc("pp. " + pages));
        if (venue.Length > 0) parts.Add(venue.ToString());

        var publisher = string.Join(": ", new[] { e["address"], e["publisher"] ?? e["school"] ?? e["institution"] ?? e["organization"] }.Where(s => s is not null));
        if (publisher.Length > 0) parts.Add(Esc(publisher));
        if (e.Type is "phdthesis") parts.Add("PhD thesis");
        if (e["howpublished"] is { } howpublished && !howpublished.StartsWith("http", StringComparison.OrdinalIgnoreCase) && (e.Arxiv is null || !howpublished.Contains("arXiv", StringComparison.OrdinalIgnoreCase)))
            parts.Add(Esc(howpublished));
        if (e["note"] is { } note && (e.Arxiv is null || !note.Contains("arXiv", StringComparison.OrdinalIgnoreCase))) parts.Add(Esc(note));

        var text = string.Join(" ", parts.Select(p => p.EndsWith('.') || p.EndsWith(".”", StringComparison.Ordinal) || p.EndsWith(".</em>", StringComparison.Ordinal) ? p : p + "."));

        var links = new List<string>();
        if (e.Doi is { } doi) links.Add(Link("https://doi.org/" + doi, "doi:" + doi, html));
        if (e.Arxiv is { } arxiv) links.Add(Link("https://arxiv.org/abs/" + arxiv, "arXiv:" + arxiv, html));
        if (links.Count == 0 && e["url"] is { } url) links.Add(Link(url, url, html));
        return links.Count == 0 ? text : text + " " + string.Join(" ", links);
    }

    private static string Link(string href, string label, bool html) =>
        html ? $"<a href=\"{Escape(href)}\">{Escape(label)}</a>" : label;

    /// <summary>HTML-escapes &amp; &lt; &gt; and quotes only: other characters stay as they are (UTF-8 pages).</summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0) return text;
        var output = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            output.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }
        return output.ToString();
    }

    /// <summary>"Ashish Vaswani", "A and B", "A, B, and C", with "et al." for BibTeX's "and others" or after seven of more than ten.</summary>
    private static string PeopleList(IReadOnlyList<Person> people)
    {
        var names = people.Where(p => !p.IsOthers).Select(p => p.FullName).ToList();
        var others = names.Count < people.Count;
        // Chicago's rule for long lists: more than ten names, the first seven and "et al."
        if (names.Count > 10)
        {
            names = names[..7];
            others = true;
        }
        if (others) return string.Join(", ", names) + ", et al";
        return names.Count switch
        {
            1 => names[0],
            2 => names[0] + " and " + names[1],
            _ => string.Join(", ", names.Take(names.Count - 1)) + ", and " + names[^1],
        };
    }
}
