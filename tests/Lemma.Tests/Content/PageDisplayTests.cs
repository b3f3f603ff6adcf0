using Lemma.Configuration;

namespace Lemma.Tests.Content;

/// <summary>PaperMod's and Lemma's names for what the theme shows around a page meet in one record.</summary>
public sealed class PageDisplayTests
{
    private static PageDisplay Read(string key, object? value) => PageDisplay.Read(new Dictionary<string, object?> { [key] = value });

    public static TheoryData<string, object?, PageDisplay> Keys => new()
    {
        { "ShowToc", true, new(Toc: true) },
        { "showtoc", "false", new(Toc: false) },
        { "toc", true, new(Toc: true) },
        { "toc", new Dictionary<string, object?> { ["sidebar"] = "left" }, new(Toc: true) },
        { "TocOpen", false, new(TocOpen: false) },
        { "ShowReadingTime", false, new(ReadingTime: false) },
        { "reading_time", true, new(ReadingTime: true) },
        { "hidemeta", true, new(Meta: false) },
        { "meta", false, new(Meta: false) },
        { "ShowPostNavLinks", false, new(PostNav: false) },
        { "toc", "sometimes", PageDisplay.Unset },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void Each_name_sets_its_flag_and_other_values_set_none(string key, object? value, PageDisplay expected) =>
        Assert.Equal(expected, Read(key, value));

    [Fact]
    public void A_page_flag_wins_over_the_site_and_an_unset_one_takes_the_site()
    {
        var page = new PageDisplay(Toc: false);
        Assert.Equal(new PageDisplay(Toc: false, TocOpen: true), page.Over(new PageDisplay(Toc: true, TocOpen: true)));
    }

    [Theory]
    [InlineData("Ada", new[] { "Ada" })]
    [InlineData(null, new string[0])]
    public void Authors_are_one_name_or_a_list(string? one, string[] expected)
    {
        var map = new Dictionary<string, object?> { ["author"] = one };
        Assert.Equal(expected, PageDisplay.Authors(map).ToArray());
        Assert.Equal(new[] { "Ada", "Alan" }, PageDisplay.Authors(new Dictionary<string, object?> { ["author"] = new List<object?> { "Ada", " Alan " } }).ToArray());
    }
}
