using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace Lemma.Search;

/// <summary>One posting: a page (its number in the index), the stem's BM25 score there, times ten, at least 1, and the
/// fields of the page that hold it (<see cref="Ranking.Where"/>: the title, each heading).</summary>
public readonly record struct Posting(int Doc, int Score, int Where);

/// <summary>The words of a shard, each with the postings of its stem.</summary>
public sealed record Shard(ImmutableArray<(string Word, int Stem)> Words, ImmutableArray<ImmutableArray<Posting>> Postings);

/// <summary>
/// The index on disk, as the client (theme/assets/js/search.js) and the server read it. Words are sharded by their
/// first three characters (<see cref="Key"/>), so a query loads one small file per word it has, and
/// typing "tra" loads all it needs to complete "transformer". A shard is JSON:
/// <c>{"w":[["word",stem],...],"p":[[doc,score,where,doc,score,where,...],...]}</c>, the documents of a stem's postings
/// in increasing order, each written as the difference from the one before, <c>where</c> the bits of
/// <see cref="Ranking.Where"/>. Each page's fragment (<c>{"t":title,"u":url,"d":date,"s":section,"x":text}</c>) is its
/// own file, loaded only for a result shown.
/// </summary>
public static class IndexFormat
{
    public const string Folder = "search";

    /// <summary>The shard a word is kept in: its first three characters when they are letters a to z, else its first
    /// two. Numbers, code terms and words of other scripts are few per key but many keys: one file per three characters
    /// made most of the index's files, and each file costs the build more than its bytes.</summary>
    public static string Key(string word) => word[..KeyLength(word)];

    /// <summary>The length of <see cref="Key"/>.</summary>
    public static int KeyLength(ReadOnlySpan<char> word) =>
        word.Length >= 3 && word[0] is >= 'a' and <= 'z' && word[1] is >= 'a' and <= 'z' && word[2] is >= 'a' and <= 'z' ? 3
        : System.Math.Min(2, word.Length);

    /// <summary>The shard's file, under /search/t/: the key itself when plain ASCII, else its UTF-8 in hex after "_".</summary>
    public static string ShardPath(string key) =>
        $"{Folder}/t/{(key.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9') ? key : "_" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(key)))}.json";

    public static string DocPath(int doc) => $"{Folder}/d/{doc}.json";

    /// <summary>The shard key of a path <see cref="ShardPath"/> makes, or null when it makes no such path.</summary>
    public static string? KeyOf(string path)
    {
        const string prefix = Folder + "/t/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal) || !path.EndsWith(".json", StringComparison.Ordinal)) return null;
        var name = path[prefix.Length..^".json".Length];
        string key;
        if (!name.StartsWith('_')) key = name;
        else
        {
            try { key = Encoding.UTF8.GetString(Convert.FromHexString(name[1..])); }
            catch (FormatException) { return null; }
        }
        return key.Length > 0 && ShardPath(key) == path ? key : null;
    }

    /// <summary>The page number of a path <see cref="DocPath"/> makes, or null when it makes no such path.</summary>
    public static int? DocOf(string path)
    {
        const string prefix = Folder + "/d/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal) || !path.EndsWith(".json", StringComparison.Ordinal)) return null;
        return int.TryParse(path.AsSpan(prefix.Length, path.Length - prefix.Length - ".json".Length), System.Globalization.NumberStyles.None, null, out var doc)
            && DocPath(doc) == path ? doc : null;
    }

    public static byte[] WriteShard(Shard shard)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("w");
            foreach (var (word, stem) in shard.Words)
            {
                json.WriteStartArray();
                json.WriteStringValue(word);
                json.WriteNumberValue(stem);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteStartArray("p");
            foreach (var postings in shard.Postings)
            {
                json.WriteStartArray();
                var last = 0;
                foreach (var p in postings)
                {
                    json.WriteNumberValue(p.Doc - last);
                    json.WriteNumberValue(p.Score);
                    json.WriteNumberValue(p.Where);
                    last = p.Doc;
                }
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static Shard ReadShard(ReadOnlySpan<byte> bytes)
    {
        using var json = JsonDocument.Parse(bytes.ToArray());
        var words = json.RootElement.GetProperty("w").EnumerateArray().Select(w => (w[0].GetString()!, w[1].GetInt32())).ToImmutableArray();
        var postings = json.RootElement.GetProperty("p").EnumerateArray().Select(list =>
        {
            var values = list.EnumerateArray().Select(v => v.GetInt32()).ToArray();
            var read = ImmutableArray.CreateBuilder<Posting>(values.Length / 3);
            for (int i = 0, doc = 0; i + 2 < values.Length; i += 3) read.Add(new Posting(doc += values[i], values[i + 1], values[i + 2]));
            return read.MoveToImmutable();
        }).ToImmutableArray();
        return new Shard(words, postings);
    }

    /// <summary>What a result shows of a page.</summary>
    public sealed record Fragment(string Title, string Url, string Date, string Section, string Text);

    public static byte[] WriteDoc(Fragment doc)
    {
        var buffer = new ArrayBufferWriter<byte>(doc.Text.Length + 256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("t", doc.Title);
            json.WriteString("u", doc.Url);
            json.WriteString("d", doc.Date);
            json.WriteString("s", doc.Section);
            json.WriteString("x", doc.Text);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static Fragment ReadDoc(ReadOnlySpan<byte> bytes)
    {
        var d = JsonSerializer.Deserialize<Dictionary<string, string>>(bytes)!;
        return new Fragment(d["t"], d["u"], d["d"], d["s"], d["x"]);
    }
}
