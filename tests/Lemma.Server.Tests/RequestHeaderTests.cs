using Lemma.Server.Publishing;
using Microsoft.Extensions.Primitives;

namespace Lemma.Server.Tests;

/// <summary>How the request headers that choose a response are read: If-None-Match and Accept-Encoding.</summary>
public class RequestHeaderTests
{
    private const string ETag = "\"0f4b97a43a10d87ae6018c19\"";

    [Theory]
    [InlineData(ETag, true)]
    [InlineData("W/" + ETag, true)]
    [InlineData("*", true)]
    [InlineData("\"other\", " + ETag, true)]
    [InlineData("\"other\",W/" + ETag + " ", true)]
    [InlineData("\"other\"", false)]
    [InlineData("0f4b97a43a10d87ae6018c19", false)]
    [InlineData("", false)]
    public void If_none_match_names_the_file_by_any_listed_tag(string header, bool matches) =>
        Assert.Equal(matches, SiteFiles.Matches(new StringValues(header), ETag));

    [Fact]
    public void If_none_match_may_come_in_several_header_lines() =>
        Assert.True(SiteFiles.Matches(new StringValues(["\"a\"", ETag]), ETag));

    [Theory]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("gzip, deflate", "gzip")]
    [InlineData("GZIP", "gzip")]
    [InlineData("br;q=0, gzip;q=0.8", "gzip")]
    [InlineData("br; q=0.0, gzip", "gzip")]
    [InlineData("gzip;q=0", null)]
    [InlineData("br;q=0.5", "br")]
    [InlineData("identity", null)]
    [InlineData("deflate", null)]
    [InlineData("", null)]
    public void Accept_encoding_picks_brotli_then_gzip_unless_refused(string header, string? encoding) =>
        Assert.Equal(encoding, SiteFiles.PickEncoding(new StringValues(header)));

    [Fact]
    public void No_accept_encoding_means_identity() => Assert.Null(SiteFiles.PickEncoding(StringValues.Empty));
}
