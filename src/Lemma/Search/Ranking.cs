namespace Lemma.Search;

/// <summary>Where a stem stands in a page besides its text: the fields a known-item search names a page by.</summary>
[Flags]
public enum Fields : byte { None = 0, Title = 1, Heading = 2, Tag = 4 }

/// <summary>
/// BM25 over the text, plus a bonus for each field (title, headings, tags) the stem is in, weighted by the stem's IDF
/// among that field's values (BM25F's idea, kept simple): in a blog whose every post says "quantized" somewhere, the
/// word is worthless in the text but still names the few posts with it in their title. Scores are computed when the
/// index is built, so that a reader's browser only adds them up.
/// </summary>
public static class Ranking
{
    private const double K1 = 1.2, B = 0.75;

    // In units of the most a word of the text can score (K1 + 1): a title word decides a known-item search, a
    // heading's words say what a part of the page is about, tags what the page is about.
    private const double TitleWeight = 3, HeadingWeight = 1.5, TagWeight = 1;

    /// <summary>A stem's postings of pages that have it only in their text kept at most: the best-scoring ones. Those
    /// of pages with it in their title or a heading are all kept: a known item is named by them.</summary>
    public const int MaxPostings = 1000;

    /// <summary>How many pages have a stem: in their text, title, headings and tags.</summary>
    public readonly record struct Counts(int Text, int Title, int Heading, int Tag);

    /// <summary>The score of a stem counted <paramref name="weight"/> times in the text of a page of <paramref name="length"/>
    /// words and present in its <paramref name="fields"/>, among <paramref name="docs"/> pages of which <paramref name="counts"/>
    /// have it; times ten and rounded, at least 1.</summary>
    public static int Score(float weight, Fields fields, int length, Counts counts, double docs, double averageLength)
    {
        var score = weight == 0 ? 0 : Idf(counts.Text, docs) * weight * (K1 + 1) / (weight + K1 * (1 - B + B * length / averageLength));
        if ((fields & Fields.Title) != 0) score += TitleWeight * (K1 + 1) * Idf(counts.Title, docs);
        if ((fields & Fields.Heading) != 0) score += HeadingWeight * (K1 + 1) * Idf(counts.Heading, docs);
        if ((fields & Fields.Tag) != 0) score += TagWeight * (K1 + 1) * Idf(counts.Tag, docs);
        return System.Math.Max(1, (int)System.Math.Round(score * 10));
    }

    /// <summary>Which of a page's fields hold a word, as bits: the title, and each heading (the 30th and those after it
    /// share one). A reader names a page by its title and one of its parts: the words of a query that one field, or
    /// the title and one heading, hold together say it is the page meant (<see cref="Searcher"/>).</summary>
    public static class Where
    {
        public const int Title = 1;

        /// <summary>The bit of the page's heading number <paramref name="index"/> (from 0).</summary>
        public static int Heading(int index) => 1 << System.Math.Min(index + 1, 30);

        /// <summary>The most query words that the title and one heading hold together (<paramref name="where"/>: each
        /// word's bits), and how many words next to each other in the query one field holds both of.</summary>
        public static (int Cover, int Pairs) Fit(ReadOnlySpan<int> where)
        {
            var title = 0;
            var any = 0;
            foreach (var w in where)
            {
                if ((w & Title) != 0) title++;
                any |= w;
            }
            var cover = title;
            for (var bit = 1; bit <= 30; bit++)
            {
                if ((any >> bit & 1) == 0) continue;
                var n = 0;
                foreach (var w in where) if ((w & Title) != 0 || (w >> bit & 1) != 0) n++;
                cover = System.Math.Max(cover, n);
            }
            var pairs = 0;
            for (var i = 0; i + 1 < where.Length; i++) if ((where[i] & where[i + 1]) != 0) pairs++;
            return (cover, pairs);
        }
    }

    // The page count is rounded (Rounded), so a word on every page may be on a few more than it says.
    private static double Idf(int df, double docs) => System.Math.Log(1 + System.Math.Max(0, docs - df + 0.5) / (df + 0.5));

    /// <summary>The page count or the average length rounded to a power of 1.05: an edit that changes it a little changes
    /// no score, so it remakes only the shards of the words it touched.</summary>
    public static double Rounded(double value) =>
        value <= 1 ? 1 : System.Math.Round(System.Math.Pow(1.05, System.Math.Round(System.Math.Log(value) / System.Math.Log(1.05))), 2);
}
