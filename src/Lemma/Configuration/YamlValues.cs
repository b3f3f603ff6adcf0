using System.Collections.Immutable;
using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Lemma.Configuration;

/// <summary>
/// Reads the first YAML document of a text straight into plain values (maps, lists, scalars), within bounds:
/// aliases may stand for <see cref="MaxAliasedNodes"/> values in all, each counting as every value of its anchor, so a
/// "billion laughs" document stops at the alias that passes the bound; and collections may nest <see cref="MaxDepth"/> deep. Either is a <see cref="YamlException"/>
/// at the offending mark, like a syntax error. An alias shares its anchor's value rather than copying it.
/// A key written twice in one map keeps its last value, as Hugo and Jekyll read it, and is reported in <c>Duplicates</c>.
/// </summary>
internal sealed class YamlValues
{
    /// <summary>Values the aliases of one document may stand for: far above any real config, front matter or data file.
    /// Values written out are not counted, so a large data file is not limited.</summary>
    public const long MaxAliasedNodes = 100_000;

    public const int MaxDepth = 64;

    private readonly IParser parser;
    private readonly Dictionary<string, (object? Value, long Nodes)> anchors = new(StringComparer.Ordinal);
    private long aliased;
    private readonly List<(string Key, Mark At)> duplicates = [];

    private YamlValues(IParser parser) => this.parser = parser;

    /// <summary>The document's root value (null for an empty text), when it is a map the 1-based line of each of its keys,
    /// and the keys written a second time in a map, where.</summary>
    public static (object? Root, ImmutableDictionary<string, int> KeyLines, IReadOnlyList<(string Key, Mark At)> Duplicates) Read(string text)
    {
        var reader = new YamlValues(new Parser(new StringReader(text)));
        try
        {
            var (root, keyLines) = reader.Document();
            return (root, keyLines, reader.duplicates);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // YamlDotNet's scanner has states it cannot leave on some malformed input; say where it stopped.
            var at = reader.parser.Current?.End ?? Mark.Empty;
            throw new YamlException(at, at, "YAML that cannot be read after this point");
        }
    }

    private (object? Root, ImmutableDictionary<string, int> KeyLines) Document()
    {
        parser.Consume<StreamStart>();
        if (!parser.TryConsume<DocumentStart>(out _)) return (null, ImmutableDictionary<string, int>.Empty);
        var lines = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        var root = Node(0, out _, lines);
        // Later documents are not read, but a syntax error in them is still one.
        while (parser.MoveNext()) { }
        return (root, lines.ToImmutable());
    }

    private object? Node(int depth, out long size, ImmutableDictionary<string, int>.Builder? keyLines = null)
    {
        var start = parser.Current ?? throw new YamlException("unexpected end of the YAML text");
        switch (start)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                if (!anchors.TryGetValue(alias.Value.Value, out var anchored))
                    throw new YamlException(alias.Start, alias.End, $"alias *{alias.Value.Value} names no anchor before it");
                CountAliased(anchored.Nodes, alias);
                size = anchored.Nodes;
                return anchored.Value;
            case Scalar scalar:
                parser.MoveNext();
                size = 1;
                return Anchor(scalar.Anchor, Scalar(scalar), 1);
            case SequenceStart sequence:
            {
                Deeper(depth, sequence);
                parser.MoveNext();
                var list = new List<object?>();
                size = 1;
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    list.Add(Node(depth + 1, out var itemSize));
                    size += itemSize;
                }
                return Anchor(sequence.Anchor, list, size);
            }
            case MappingStart mapping:
            {
                Deeper(depth, mapping);
                parser.MoveNext();
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                size = 1;
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyEvent = parser.Current!;
                    var key = Key(depth, out var keySize);
                    if (map.ContainsKey(key)) duplicates.Add((key, keyEvent.Start));
                    map[key] = Node(depth + 1, out var valueSize);
                    if (keyLines is not null) keyLines[key] = (int)keyEvent.Start.Line;
                    size += keySize + valueSize;
                }
                return Anchor(mapping.Anchor, map, size);
            }
            default:
                throw new YamlException(start.Start, start.End, $"unexpected {start.GetType().Name} in YAML");
        }
    }

    /// <summary>A key as it is written; a key that is itself a list or map has no text to be looked up by.</summary>
    private string Key(int depth, out long size)
    {
        var start = parser.Current!;
        var value = Node(depth + 1, out size);
        return start switch
        {
            Scalar scalar => scalar.Value,
            AnchorAlias when value is string or long or double or bool => Convert.ToString(value, CultureInfo.InvariantCulture)!,
            _ => throw new YamlException(start.Start, start.End, "a key must be text, not a list or a map"),
        };
    }

    private object? Anchor(AnchorName anchor, object? value, long size)
    {
        if (!anchor.IsEmpty) anchors[anchor.Value] = (value, size);
        return value;
    }

    private void CountAliased(long more, ParsingEvent at)
    {
        aliased += more;
        if (aliased > MaxAliasedNodes)
            throw new YamlException(at.Start, at.End,
                $"the aliases of this YAML stand for more than {MaxAliasedNodes:N0} values once expanded (an alias bomb?)");
    }

    private static void Deeper(int depth, ParsingEvent at)
    {
        if (depth >= MaxDepth) throw new YamlException(at.Start, at.End, $"lists and maps nest deeper than {MaxDepth} levels");
    }

    private static object? Scalar(Scalar scalar)
    {
        var value = scalar.Value;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded) return value;
        if (scalar.Tag.IsEmpty is false && scalar.Tag.Value == "tag:yaml.org,2002:str") return value;
        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => value,
        };
    }
}
