namespace Lemma.Search;

/// <summary>BM25, with its scores computed when the index is built, so that a reader's browser only adds them up.</summary>
public static class Ranking
{
    private const double K1 = 1.2, B = 0.75;

    /// <summary>A stem's postings kept at most: the best-scoring pages, where a title or heading puts the known item.</summary>
    public const int MaxPostings = 1000;

    /// <summary>The BM25 score of a stem counted <paramref name="weight"/> times in a page of <paramref name="length"/> words,
    /// plus its <paramref name="bonus"/> (title, headings, tags) times the stem's IDF; times ten and rounded, at least 1.</summary>
    public static int Score(float weight, float bonus, int length, int df, int docs, double averageLength)
    {
        var idf = System.Math.Log(1 + (docs - df + 0.5) / (df + 0.5));
        var tf = weight * (K1 + 1) / (weight + K1 * (1 - B + B * length / averageLength));
        return System.Math.Max(1, (int)System.Math.Round(idf * (tf + bonus) * 10));
    }

    /// <summary>The average length rounded to a power of 1.05: an edit that changes it a little changes no score, so it
    /// remakes only the shards of the words it touched.</summary>
    public static double Rounded(double averageLength) =>
        averageLength <= 1 ? 1 : System.Math.Round(System.Math.Pow(1.05, System.Math.Round(System.Math.Log(averageLength) / System.Math.Log(1.05))), 2);
}
