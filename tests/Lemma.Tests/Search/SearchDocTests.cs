using Lemma.Search;

namespace Lemma.Tests.Search;

/// <summary>A page's words as search holds them (<see cref="SearchDoc.Make"/>), made by one tokenizer page after page.</summary>
public class SearchDocTests
{
    private static SearchDoc Page(Tokens tokens, string html) =>
        SearchDoc.Make(tokens, "Walrus notes", "/w/", "2024-01-01", "posts", ["zoology"], html);

    [Fact]
    public void A_page_counts_its_words_the_same_whatever_pages_the_tokenizer_made_before()
    {
        const string html = "<h2>Tusks and teeth</h2><p>A walrus has tusks; walruses use their tusks. <code>nn.Linear</code></p>";
        var alone = Page(new Tokens(), html);
        var tokens = new Tokens();
        Page(tokens, "<p>tusks " + string.Join(' ', Enumerable.Range(0, 100).Select(i => $"word{i}")) + "</p>");
        Assert.Equal(alone, Page(tokens, html));
        // Past the words a thread keeps, it forgets them all before the next page: that page is counted as before.
        Page(tokens, "<p>" + string.Join(' ', Enumerable.Range(0, 300_000).Select(i => $"w{i}")) + "</p>");
        Assert.Equal(alone, Page(tokens, html));
        Assert.Equal(alone, Page(tokens, html));
    }

    [Fact]
    public void A_word_has_the_fields_that_hold_it_and_which_ones()
    {
        var doc = Page(new Tokens(), "<h2>Tusks</h2><p>Walrus teeth.</p><h2>Teeth and tusks</h2>");
        var word = doc.Words.ToDictionary(w => w.Word);
        Assert.Equal(Fields.Title, word["walrus"].Fields);
        Assert.Equal(Ranking.Where.Title, word["walrus"].Where);
        Assert.Equal(Fields.Heading, word["tusks"].Fields);
        Assert.Equal(Ranking.Where.Heading(0) | Ranking.Where.Heading(1), word["tusks"].Where);
        Assert.Equal(Ranking.Where.Heading(1), word["teeth"].Where);
        Assert.Equal(Fields.Tag, word["zoology"].Fields);
        Assert.Equal(0, word["zoology"].Where);
    }
}
