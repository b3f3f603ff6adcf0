using System.IO.Compression;
using System.Text.RegularExpressions;
using NetVips;

namespace Lemma.Cli.Tests;

/// <summary>
/// Images (issue #20) through `lemma build`: every local image a page shows gets its width and height from its file,
/// loading hints below the first screen, and, when it is a photo wider than a phone, AVIF and WebP copies at smaller
/// widths in a picture before the original. A bad image is a warning at the page, and the original is published as it is.
/// The images are made here, with libvips.
/// </summary>
public sealed partial class ImageTests
{
    private const string Site = """
        -- site.yaml --
        title: Pictures
        base_url: https://x.example/sub/
        -- content/posts/trip/index.md --
        ---
        title: Trip
        date: 2024-01-01
        cover: cover.jpg
        ---
        Words.

        ![A wide photo](photo.png)

        ![A small chart](/img/chart.png)
        -- content/posts/plain.md --
        ---
        title: Plain
        date: 2024-01-02
        ---
        ![First](/img/chart.png)

        Words.

        ![Second](/img/chart.png "With a caption")
        """;

    /// <summary>A photo-like image: a gradient under noise, so encoders have something to do.</summary>
    private static void Photo(TempSite site, string path, int width, int height, int orientation = 0)
    {
        var full = Path.Combine(site.Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        using var noise = Image.Gaussnoise(width, height, mean: 128, sigma: 40);
        using var gradient = Image.Xyz(width, height)[0] * (255.0 / width);
        using var inverse = gradient * -1 + 255;
        using var bands = gradient.Bandjoin(noise, inverse);
        using var rgb = bands.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        using var tagged = orientation == 0 ? rgb.Copy() : rgb.Mutate(m => m.Set(GValue.GIntType, "orientation", orientation));
        if (path.EndsWith(".png", StringComparison.Ordinal)) tagged.Pngsave(full, keep: Enums.ForeignKeep.All);
        else tagged.Jpegsave(full, q: 85, keep: Enums.ForeignKeep.All);
    }

    private static TempSite Pictures()
    {
        var site = TempSite.From(Site);
        Photo(site, "content/posts/trip/photo.png", 1000, 600);
        Photo(site, "content/posts/trip/cover.jpg", 1800, 900);
        Photo(site, "static/img/chart.png", 320, 200);
        return site;
    }

    private static string Tag(string html, string src) => Regex.Match(html, $"<img src=\"{Regex.Escape(src)}\"[^>]*>").Value;

    [Fact]
    public void Every_local_image_gets_the_width_and_height_of_its_file()
    {
        using var site = Pictures();
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var trip = site.Read("public/posts/trip/index.html");
        Assert.Contains("width=\"1000\" height=\"600\"", Tag(trip, "photo.png"));
        Assert.Contains("width=\"320\" height=\"200\"", Tag(trip, "/img/chart.png"));
        Assert.Contains("width=\"1800\" height=\"900\"", Tag(trip, "/sub/posts/trip/cover.jpg"));
    }

    [Fact]
    public void Images_below_the_first_screen_load_lazily_and_the_first_of_a_post_without_cover_does_not()
    {
        using var site = Pictures();
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var plain = site.Read("public/posts/plain/index.html");
        var tags = Regex.Matches(plain, "<img [^>]*>").Select(m => m.Value).ToArray();
        Assert.Equal(2, tags.Length);
        Assert.DoesNotContain("loading=", tags[0]);
        Assert.DoesNotContain("decoding=", tags[0]);
        Assert.Contains("loading=\"lazy\"", tags[1]);
        Assert.Contains("decoding=\"async\"", tags[1]);
        // Below a cover, the body's first image is below the first screen; the cover itself is not lazy.
        var trip = site.Read("public/posts/trip/index.html");
        Assert.Contains("loading=\"lazy\" decoding=\"async\"", Tag(trip, "photo.png").Replace(" width=\"1000\" height=\"600\"", ""));
        Assert.DoesNotContain("loading=", Tag(trip, "/sub/posts/trip/cover.jpg"));
    }

    [Fact]
    public void A_photo_gets_avif_and_webp_copies_at_smaller_widths_in_a_picture_never_wider_than_itself()
    {
        using var site = Pictures();
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var trip = site.Read("public/posts/trip/index.html");
        Assert.Contains("<picture><source type=\"image/avif\" srcset=\"photo.480w.avif 480w, photo.800w.avif 800w, photo.1000w.avif 1000w\" sizes=\"", trip);
        Assert.Contains("<source type=\"image/webp\" srcset=\"photo.480w.webp 480w, photo.800w.webp 800w, photo.1000w.webp 1000w\"", trip);
        Assert.DoesNotContain("photo.1200w", trip);
        foreach (var width in (int[])[480, 800, 1000])
            foreach (var format in (string[])["avif", "webp"])
            {
                using var copy = Image.NewFromFile(Path.Combine(site.Root, $"public/posts/trip/photo.{width}w.{format}"));
                Assert.Equal(width, copy.Width);
                Assert.Equal(width * 600 / 1000, copy.Height, tolerance: 1);
            }
        Assert.True(site.Exists("public/posts/trip/photo.png"));
    }

    [Fact]
    public void A_cover_gets_its_copies_in_a_picture_and_a_small_image_only_its_size()
    {
        using var site = Pictures();
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var trip = site.Read("public/posts/trip/index.html");
        Assert.Contains("srcset=\"/sub/posts/trip/cover.480w.avif 480w, /sub/posts/trip/cover.800w.avif 800w, /sub/posts/trip/cover.1200w.avif 1200w, /sub/posts/trip/cover.1600w.avif 1600w\"", trip);
        Assert.True(site.Exists("public/posts/trip/cover.1600w.webp"));
        Assert.False(site.Exists("public/img/chart.480w.webp"));
        Assert.DoesNotContain("chart.480w", site.Read("public/posts/plain/index.html"));
    }

    [Fact]
    public void A_photo_turned_by_its_exif_orientation_is_sized_and_copied_upright_without_its_metadata()
    {
        using var site = Pictures();
        Photo(site, "content/posts/trip/photo.png", 1000, 600);
        Photo(site, "content/posts/trip/cover.jpg", 1200, 800, orientation: 6);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var trip = site.Read("public/posts/trip/index.html");
        Assert.Contains("width=\"800\" height=\"1200\"", Tag(trip, "/sub/posts/trip/cover.jpg"));
        using var copy = Image.NewFromFile(Path.Combine(site.Root, "public/posts/trip/cover.800w.webp"));
        Assert.Equal((800, 1200), (copy.Width, copy.Height));
        Assert.False(copy.Contains("exif-data"));
        Assert.False(copy.Contains("orientation") && (int)copy.Get("orientation") != 1);
    }

    [Fact]
    public void An_unchanged_image_is_not_processed_again_on_the_next_build()
    {
        using var site = Pictures();
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var cached = Directory.GetFiles(Path.Combine(site.Root, ".lemma/cache/images"), "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, File.GetLastWriteTimeUtc);
        Assert.Equal(2 * (3 + 4), cached.Count);
        Directory.Delete(Path.Combine(site.Root, "public"), recursive: true);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        Assert.True(site.Exists("public/posts/trip/photo.800w.avif"));
        Assert.All(cached, c => Assert.Equal(c.Value, File.GetLastWriteTimeUtc(c.Key)));
    }

    [Fact]
    public void A_dark_variant_keeps_its_picture_and_the_image_gets_its_size()
    {
        using var site = Pictures();
        Photo(site, "content/posts/trip/photo.dark.png", 1000, 600);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var trip = site.Read("public/posts/trip/index.html");
        Assert.Contains("<picture><source srcset=\"photo.dark.png\" media=\"(prefers-color-scheme: dark)\" data-dark><img src=\"photo.png\" alt=\"A wide photo\"", trip);
        Assert.Contains("width=\"1000\" height=\"600\"", Tag(trip, "photo.png"));
    }

    [Fact]
    public void A_file_named_png_that_is_not_one_is_a_warning_at_the_page_and_is_published_as_it_is()
    {
        using var site = Pictures();
        site.WriteFile("content/posts/trip/photo.png", "not a picture");
        var run = site.Lemma("build");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.ErrorLines, l => l.StartsWith("content/posts/trip/index.md:8:1: warning: image 'photo.png': it is not an image Lemma can read", StringComparison.Ordinal));
        Assert.Equal("not a picture", site.Read("public/posts/trip/photo.png"));
        var tag = Tag(site.Read("public/posts/trip/index.html"), "photo.png");
        Assert.DoesNotContain("width=", tag);
        Assert.DoesNotContain("<picture><source type=\"image/avif\" srcset=\"photo.", site.Read("public/posts/trip/index.html"));
    }

    [Fact]
    public void A_truncated_image_is_a_warning_at_the_page_and_is_published_as_it_is()
    {
        using var site = Pictures();
        var path = Path.Combine(site.Root, "content/posts/trip/photo.png");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var run = site.Lemma("build");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.ErrorLines, l => l.StartsWith("content/posts/trip/index.md:8:1: warning: image 'photo.png': it could not be decoded", StringComparison.Ordinal));
        Assert.Equal(bytes.Length / 2, File.ReadAllBytes(Path.Combine(site.Root, "public/posts/trip/photo.png")).Length);
        Assert.False(site.Exists("public/posts/trip/photo.480w.webp"));
        Assert.DoesNotContain("photo.480w", site.Read("public/posts/trip/index.html"));
    }

    [Fact]
    public void A_png_of_30000_by_30000_pixels_is_a_warning_and_is_never_decoded()
    {
        using var site = Pictures();
        // A header that claims 900 megapixels (2.7 GB decoded), over a few bytes of data.
        File.WriteAllBytes(Path.Combine(site.Root, "content/posts/trip/photo.png"), Png(30_000, 30_000, rows: 1));
        var run = site.Lemma("build");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.ErrorLines, l => l.StartsWith("content/posts/trip/index.md:8:1: warning: image 'photo.png': it is 30000 x 30000 pixels, more than Lemma decodes", StringComparison.Ordinal));
        Assert.True(site.Exists("public/posts/trip/photo.png"));
        Assert.False(site.Exists("public/posts/trip/photo.480w.webp"));
    }

    [Fact]
    public void A_decompression_bomb_is_a_warning_and_is_never_decoded()
    {
        using var site = Pictures();
        // 12,000 x 12,000 black pixels, all there: 432 MB decoded from a file of a few hundred kilobytes.
        var bomb = Png(12_000, 12_000, rows: 12_000);
        Assert.True(bomb.Length < 2_000_000, $"{bomb.Length} bytes");
        File.WriteAllBytes(Path.Combine(site.Root, "content/posts/trip/photo.png"), bomb);
        var run = site.Lemma("build");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.ErrorLines, l => l.Contains("warning: image 'photo.png': it is 12000 x 12000 pixels", StringComparison.Ordinal));
        Assert.Equal(bomb.Length, File.ReadAllBytes(Path.Combine(site.Root, "public/posts/trip/photo.png")).Length);
    }

    [Fact]
    public void An_svg_gets_the_size_its_root_element_gives_it()
    {
        using var site = TempSite.From(Site + "\n" + """
            -- content/posts/drawn.md --
            ---
            title: Drawn
            date: 2024-01-03
            ---
            ![Box](/img/box.svg)

            ![Half](/img/half.svg)
            -- static/img/box.svg --
            <?xml version="1.0"?>
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 200"><rect width="640" height="200"/></svg>
            -- static/img/half.svg --
            <svg xmlns="http://www.w3.org/2000/svg" width="320px" viewBox="0 0 640 200"/>
            """);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var html = site.Read("public/posts/drawn/index.html");
        Assert.Contains("width=\"640\" height=\"200\"", Tag(html, "/img/box.svg"));
        Assert.Contains("width=\"320\" height=\"100\"", Tag(html, "/img/half.svg"));
        Assert.DoesNotContain("<source type=", html);
    }

    [Fact]
    public void A_notebook_s_png_output_gets_the_size_of_its_bytes()
    {
        using var plot = Image.Black(700, 300, bands: 3);
        var png = Convert.ToBase64String(plot.PngsaveBuffer());
        using var site = TempSite.From(Site + "\n-- content/posts/plot.ipynb --\n" + $$"""
            { "cells": [
              { "cell_type": "markdown", "metadata": {}, "source": "# A plot" },
              { "cell_type": "code", "execution_count": 1, "metadata": {}, "source": "plot()",
                "outputs": [ { "output_type": "display_data", "metadata": {}, "data": { "image/png": "{{png}}" } } ] } ],
              "metadata": {}, "nbformat": 4, "nbformat_minor": 4 }
            """);
        Assert.Equal(0, site.Lemma("build").ExitCode);
        var image = Regex.Match(site.Read("public/posts/plot/index.html"), "<img class=\"nb-image\"[^>]*>").Value;
        Assert.Contains("width=\"700\" height=\"300\"", image);
    }

    /// <summary>An RGB PNG of <paramref name="width"/> x <paramref name="height"/> black pixels whose data holds only its
    /// first <paramref name="rows"/> rows.</summary>
    private static byte[] Png(int width, int height, int rows)
    {
        using var data = new MemoryStream();
        using (var deflate = new ZLibStream(data, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[1 + width * 3];
            for (var i = 0; i < rows; i++) deflate.Write(row);
        }
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", data.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    // PNG's CRC-32 (ISO 3309), bit by bit: a few chunks per test.
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
