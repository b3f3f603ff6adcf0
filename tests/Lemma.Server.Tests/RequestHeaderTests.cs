using Lemma.Server.Preview;
using Lemma.Server.Publishing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Lemma.Server.Tests;

/// <summary>How the request headers that choose a response are read: If-None-Match, Accept-Encoding and, in preview, Host.</summary>
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
    [InlineData("br;q=1, gzip", "br")]
    [InlineData("br;q=1.000", "br")]
    [InlineData("br;Q=0.001", "br")]
    [InlineData("br;q=0., gzip", "gzip")]
    [InlineData("br;q=0.000, gzip", "gzip")]
    [InlineData("br\t;\tq=0.5", "br")]
    public void Accept_encoding_picks_brotli_then_gzip_unless_refused(string header, string? encoding) =>
        Assert.Equal(encoding, SiteFiles.PickEncoding(new StringValues(header)));

    // RFC 9110, 12.4.2: weight = OWS ";" OWS "q=" qvalue. An entry whose weight is not a qvalue is skipped, so its coding
    // is not listed, and 12.5.3 makes a coding that is not listed not acceptable.
    [Theory]
    [InlineData("br;q=x", null)]
    [InlineData("br;q=x, gzip", "gzip")]
    [InlineData("br;q=", null)]
    [InlineData("br;q=1.5, gzip", "gzip")]
    [InlineData("br;q=2", null)]
    [InlineData("br;q=-1", null)]
    [InlineData("br;q=0.0001", null)]
    [InlineData("br;q=1.001", null)]
    [InlineData("br;q=1e0", null)]
    [InlineData("br;q=NaN", null)]
    [InlineData("br;q=Infinity", null)]
    [InlineData("br;q=.5", null)]
    [InlineData("br;q = 0.5", null)]
    [InlineData("br;level=5", null)]
    [InlineData("br;q=0.5;q=0.5", null)]
    [InlineData("gzip;q=0,5, br", "br")]
    public void Accept_encoding_skips_entries_whose_weight_is_not_a_qvalue(string header, string? encoding) =>
        Assert.Equal(encoding, SiteFiles.PickEncoding(new StringValues(header)));

    [Theory]
    [InlineData("q=0", 0.0)]
    [InlineData("q=0.5", 0.5)]
    [InlineData(" q=0.125", 0.125)]
    [InlineData("q=1", 1.0)]
    [InlineData("q=1.0", 1.0)]
    [InlineData("q=0.", 0.0)]
    [InlineData("q=01", null)]
    [InlineData("q=0.12345", null)]
    [InlineData("q=+1", null)]
    [InlineData("q", null)]
    [InlineData("", null)]
    public void A_weight_is_read_only_as_the_rfc_9110_qvalue_grammar(string parameter, double? weight) =>
        Assert.Equal(weight, SiteFiles.Weight(parameter));

    // The preview on loopback answers only its own names, so a page that points its own domain at 127.0.0.1 (DNS
    // rebinding) cannot read drafts through the browser.
    [Theory]
    [InlineData("localhost", true)]
    [InlineData("localhost:1313", true)]
    [InlineData("LOCALHOST:1313", true)]
    [InlineData("blog.localhost:1313", true)]
    [InlineData("127.0.0.1:1313", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("[::1]:1313", true)]
    [InlineData("[::1]", true)]
    [InlineData("evil.example:1313", false)]
    [InlineData("localhost.evil.example", false)]
    [InlineData("127.0.0.1.nip.io:1313", false)]
    [InlineData("192.168.1.5:1313", false)]
    [InlineData("", false)]
    public void The_preview_answers_only_loopback_host_names(string host, bool allowed) =>
        Assert.Equal(allowed, HostFilter.Allowed(new HostString(host), "127.0.0.1"));

    [Fact]
    public void No_accept_encoding_means_identity() => Assert.Null(SiteFiles.PickEncoding(StringValues.Empty));
}
