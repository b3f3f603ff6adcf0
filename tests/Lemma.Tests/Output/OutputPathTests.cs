using Lemma.Model;

namespace Lemma.Tests.Output;

/// <summary>The one gate between a URL and an output file, as a table: a path is inside the output, or says why not.</summary>
public class OutputPathTests
{
    [Theory]
    [InlineData("index.html")]
    [InlineData("posts/a/index.html")]
    [InlineData("tags/c-sharp/page/2/index.html")]
    [InlineData("assets/css/site.css")]
    [InlineData("posts/..a/index.html")]
    [InlineData("posts/a../index.html")]
    [InlineData(".well-known/security.txt")]
    [InlineData("posts/注意/index.html")]
    public void A_path_inside_the_output_has_no_problem(string path) => Assert.Null(OutputPath.Problem(path));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData("/index.html", "absolute")]
    [InlineData("../escaped/index.html", "'..'")]
    [InlineData("posts/../../escaped/index.html", "'..'")]
    [InlineData("posts/..", "'..'")]
    [InlineData("posts/./index.html", "'.'")]
    [InlineData("./index.html", "'.'")]
    [InlineData("posts//index.html", "empty segment")]
    [InlineData("posts/", "empty segment")]
    [InlineData("posts\\..\\..\\x", "backslash")]
    [InlineData("a\0b/index.html", "NUL")]
    public void A_path_that_leaves_the_output_or_is_not_a_plain_path_says_why(string path, string words) =>
        Assert.Contains(words, OutputPath.Problem(path));

    [Fact]
    public void A_name_is_at_most_255_bytes_of_UTF8_not_255_characters()
    {
        Assert.Null(OutputPath.Problem(new string('a', 255) + "/index.html"));
        Assert.Contains("256 bytes", OutputPath.Problem(new string('a', 256) + "/index.html"));
        // 'é' is two bytes: 128 of them are 256 bytes.
        Assert.Contains("256 bytes", OutputPath.Problem("tags/" + new string('é', 128) + "/index.html"));
    }

    [Fact]
    public void A_whole_path_longer_than_the_limit_is_refused_however_short_its_names()
    {
        var deep = string.Concat(Enumerable.Repeat("abcdefghij/", 200)) + "index.html";
        Assert.Contains("longer than", OutputPath.Problem(deep));
    }

    [Theory]
    [InlineData("/posts/x/", "posts/x/index.html")]
    [InlineData("/", "index.html")]
    [InlineData("/404.html", "404.html")]
    public void A_site_path_maps_to_its_file(string sitePath, string file) => Assert.Equal(file, OutputPath.For(sitePath));

    [Theory]
    [InlineData("posts/x", "/posts/x/")]
    [InlineData("/feed.xml", "/feed.xml")]
    [InlineData("/posts/./", "/posts/")]
    [InlineData("/posts/.", "/posts/")]
    [InlineData("//posts///x//", "/posts/x/")]
    [InlineData(".", "/")]
    [InlineData("/posts/../../x/", "/posts/../../x/")]
    [InlineData("/posts/..", "/posts/../")]
    public void Normalising_a_url_drops_empty_and_dot_segments_and_keeps_dot_dot_for_the_gate(string url, string normal) =>
        Assert.Equal(normal, Permalinks.Normalize(url));
}
