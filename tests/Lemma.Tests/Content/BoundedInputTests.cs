using System.Text;
using Lemma.Configuration;
using Lemma.Markdown;
using Lemma.Templates;

namespace Lemma.Tests.Content;

/// <summary>The bounded readers behind issue #14: structured text, source text, control characters and nesting.</summary>
public class BoundedInputTests
{
    private static string Error(string text, StructuredFormat format, int firstLine = 1) =>
        StructuredText.Parse(text, format, "f", firstLine).Error?.ToString() ?? "no error";

    [Fact]
    public void An_alias_shares_its_anchors_value_and_counts_as_every_value_in_it()
    {
        var (map, error) = StructuredText.Parse("a: &a [1, {b: c}]\nx: *a\ny: *a\n", StructuredFormat.Yaml, "f", 1);
        Assert.Null(error);
        Assert.Same(map!.Values["a"], map.Values["x"]);
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["x"] = 2, ["y"] = 3 }, map.KeyLines);
    }

    [Fact]
    public void An_alias_bomb_is_an_error_at_the_alias_that_passes_the_bound()
    {
        var text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 12; i++) text.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        // a3 stands for 11,111 values; the eighth alias on a4's line passes 100,000 in all.
        Assert.StartsWith("f:6:", Error(text.ToString(), StructuredFormat.Yaml, firstLine: 2));
        Assert.Contains("once expanded", Error(text.ToString(), StructuredFormat.Yaml));
    }

    [Fact]
    public void Values_written_out_are_not_limited_as_aliases_are()
    {
        var text = "items:\n" + string.Concat(Enumerable.Range(0, 150_000).Select(i => $"  - {i}\n"));
        var (value, error) = StructuredText.ParseValue(text, StructuredFormat.Yaml, "d");
        Assert.Null(error);
        Assert.Equal(150_000, ((List<object?>)((Dictionary<string, object?>)value!)["items"]!).Count);
    }

    [Theory]
    [InlineData("x: " + "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "f:1:", "nest deeper than 64")]
    [InlineData("a: *nowhere\n", "f:1:4:", "names no anchor")]
    [InlineData("? [a, b]\n: 1\n", "f:1:3:", "a key must be text")]
    [InlineData("params: {a: [1, {b]\nz: 1\n", "f:1:", "cannot be read")]
    public void Yaml_that_cannot_be_values_is_an_error_at_its_position(string text, string position, string words)
    {
        var error = Error(text, StructuredFormat.Yaml);
        Assert.StartsWith(position, error);
        Assert.Contains(words, error);
    }

    [Fact]
    public void A_yaml_key_written_twice_keeps_its_last_value_with_a_warning_at_the_second()
    {
        var (map, error) = StructuredText.Parse("a: 1\nm:\n  k: 1\n  k: 2\n", StructuredFormat.Yaml, "f", 1);
        Assert.Null(error);
        Assert.Equal(2, Convert.ToInt32(((Dictionary<string, object?>)map!.Values["m"]!)["k"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("f:4:3: warning: duplicate key 'k': the last one is used", Assert.Single(map.Warnings).ToString());
    }

    [Fact]
    public void Sixty_four_levels_of_yaml_are_read()
    {
        var (map, error) = StructuredText.Parse("x: " + new string('[', 63) + new string(']', 63), StructuredFormat.Yaml, "f", 1);
        Assert.Null(error);
        Assert.NotNull(map);
    }

    [Theory]
    [InlineData("{\"a\": 1,\n \"a\": 2}", StructuredFormat.Json, "f:2:2: error: duplicate key 'a'")]
    [InlineData("{\"a\": {\"b\": 1, \"b\": 2}}", StructuredFormat.Json, "f:1:16: error: duplicate key 'b'")]
    [InlineData("{\"a\": \"\\udc00\"}", StructuredFormat.Json, "f:1:8: error: '\\udc00' is half of a UTF-16 surrogate pair, not a character")]
    [InlineData("{\"a\": [1,\n}", StructuredFormat.Json, "f:2:1: error: '}' is an invalid start of a value.")]
    [InlineData("a = 1\na = 2\n", StructuredFormat.Toml, "f:2:1: error: The key `a` is already defined at line 1 with `a = 1` and cannot be redefined")]
    [InlineData("a = \"x\n", StructuredFormat.Toml, "f:1:7: error: Invalid newline in a string")]
    public void Json_and_toml_errors_are_positioned_once(string text, StructuredFormat format, string expected) =>
        Assert.Equal(expected, Error(text, format));

    [Fact]
    public void An_escaped_backslash_before_u_d800_is_text_not_a_surrogate()
    {
        var (map, error) = StructuredText.Parse("{\"a\": \"\\\\ud800\", \"b\": \"\\ud83d\\ude00\"}", StructuredFormat.Json, "f", 1);
        Assert.Null(error);
        Assert.Equal("\\ud800", map!.Values["a"]);
        Assert.Equal("😀", map.Values["b"]);
    }

    [Fact]
    public void A_data_file_may_hold_any_value_at_its_root()
    {
        Assert.Equal(new List<object?> { 1L, "two" }, StructuredText.ParseValue("- 1\n- two\n", StructuredFormat.Yaml, "d").Value);
        Assert.Equal(new List<object?> { 1L }, StructuredText.ParseValue("[1]", StructuredFormat.Json, "d").Value);
        Assert.Null(StructuredText.ParseValue("", StructuredFormat.Yaml, "d").Value);
    }

    [Theory]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'a' }, "a")]
    [InlineData(new byte[] { 0xFF, 0xFE, (byte)'a', 0 }, "a")]
    [InlineData(new byte[] { 0xFE, 0xFF, 0, (byte)'a' }, "a")]
    [InlineData(new byte[] { 0xC3, 0xA9 }, "é")]
    public void Utf8_and_text_with_a_byte_order_mark_is_read(byte[] bytes, string text) =>
        Assert.Equal(text, SourceText.Decode("f", bytes).Text);

    [Theory]
    [InlineData(new byte[] { (byte)'a', 0, (byte)'b' }, "f:1:2:", "NUL")]
    [InlineData(new byte[] { 0xC3, 0xA9, (byte)'\n', 0xC3, 0xA9, 0xFF }, "f:2:2:", "byte 0xFF")]
    [InlineData(new byte[] { 0xC3 }, "f:1:1:", "byte 0xC3")]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, "f:1:1:", "byte 0xED")]
    public void Bytes_that_are_not_utf8_text_are_an_error_at_the_first_bad_one(byte[] bytes, string position, string words)
    {
        var (text, error) = SourceText.Decode("f", bytes);
        Assert.Null(text);
        Assert.StartsWith(position, error!.ToString());
        Assert.Contains(words, error.Message);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("tab\tand\nline", "tab\tand\nline")]
    [InlineData("a\u0001b\u001Fc", "abc")]
    [InlineData("pair 😀 kept", "pair 😀 kept")]
    [InlineData("\uFFFE\uFFFF", "")]
    public void Control_characters_and_halves_of_pairs_are_stripped_and_the_rest_kept(string text, string expected)
    {
        Assert.Equal(expected, ControlCharacters.Strip(text));
        Assert.Equal(text == expected, ControlCharacters.IndexIn(text) < 0);
    }

    [Fact]
    public void Halves_of_surrogate_pairs_are_stripped()
    {
        // Built here: xunit's test data would turn a lone surrogate into U+FFFD before the test saw it.
        var text = "lone " + '\uD800' + " and " + '\uDC00' + " gone";
        Assert.Equal(5, ControlCharacters.IndexIn(text));
        Assert.Equal("lone  and  gone", ControlCharacters.Strip(text));
    }

    [Fact]
    public void Sixty_four_levels_of_quotes_and_lists_pass_and_the_sixty_fifth_is_found()
    {
        Assert.Null(BlockNesting.FindTooDeep(new string('>', 64) + " x"));
        Assert.Equal((0, 64), BlockNesting.FindTooDeep(new string('>', 65) + " x"));
        var lists = string.Concat(Enumerable.Range(0, 70).Select(i => new string(' ', 2 * i) + "- x\n"));
        Assert.Equal((65, 128), BlockNesting.FindTooDeep("para\n" + lists));
        Assert.Null(BlockNesting.FindTooDeep("```\n" + lists + "```\n"));
        Assert.Null(BlockNesting.FindTooDeep(string.Concat(Enumerable.Repeat("- x\n", 1000))));
    }

    [Fact]
    public void Template_blocks_nested_past_the_limit_are_found_at_their_tag()
    {
        var ok = string.Concat(Enumerable.Repeat("{% if a %}", 64)) + string.Concat(Enumerable.Repeat("{% endif %}", 64));
        Assert.Null(TemplateNesting.Check("t", ok + ok));
        var deep = "x\n" + string.Concat(Enumerable.Repeat("{%- for a in b -%}", 65));
        Assert.StartsWith("t:2:1153: error: template: blocks", TemplateNesting.Check("t", deep)!.ToString());
        Assert.Null(TemplateNesting.Check("t", "{{ '((((((((((((((((((((((((((((((((((' | append: '|||' }}"));
    }
}
