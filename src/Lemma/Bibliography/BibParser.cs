using System.Collections.Immutable;
using System.Text;
using Lemma.Diagnostics;

namespace Lemma.Bibliography;

/// <summary>
/// BibTeX files: entries of any type (<c>@article{key, field = value, ...}</c>, with braces or parentheses),
/// <c>@string</c> macros (and the month macros jan...dec), values in braces (nested), in quotes, numbers or macros
/// joined with <c>#</c>, <c>@comment</c> and <c>@preamble</c>. Text outside entries is a comment, as in BibTeX, and so
/// is a line starting with '%' even if it holds an '@'.
/// An error is reported at its line and column, and parsing goes on at the next entry.
/// </summary>
public static class BibParser
{
    private static readonly ImmutableDictionary<string, string> Months = new Dictionary<string, string>
    {
        ["jan"] = "January", ["feb"] = "February", ["mar"] = "March", ["apr"] = "April", ["may"] = "May", ["jun"] = "June",
        ["jul"] = "July", ["aug"] = "August", ["sep"] = "September", ["oct"] = "October", ["nov"] = "November", ["dec"] = "December",
    }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Fields kept as written (no LaTeX conversion): identifiers and addresses, where ~ and _ are literal.</summary>
    private static readonly string[] Verbatim = ["url", "doi", "eprint", "file", "isbn", "issn", "pdf"];

    public static BibFile Parse(string path, string text) => new Reader(path, text).Run();

    private sealed class BibException(int position, string message) : Exception(message)
    {
        public int Position { get; } = position;
    }

    private sealed class Reader(string path, string text)
    {
        private int pos;
        private readonly Dictionary<string, string> macros = new(Months, StringComparer.OrdinalIgnoreCase);
        private readonly List<BibEntry> entries = [];
        private readonly List<Diagnostic> diagnostics = [];
        private readonly Dictionary<string, BibEntry> keys = new(StringComparer.Ordinal);
        private int[]? lineStarts;

        public BibFile Run()
        {
            while (true)
            {
                var at = text.IndexOf('@', pos);
                if (at < 0) break;
                if (InComment(at))
                {
                    pos = at + 1;
                    continue;
                }
                pos = at;
                try
                {
                    Item();
                }
                catch (BibException e)
                {
                    diagnostics.Add(Diagnostic.Error(Span(e.Position), "bibliography: " + e.Message));
                    pos = NextItem(System.Math.Max(e.Position, at + 1));
                }
            }
            return new BibFile(path, [.. entries], [.. diagnostics]);
        }

        /// <summary>Outside entries, a line starting with '%' is a comment (as biber reads it), even when it holds an '@'.</summary>
        private bool InComment(int at)
        {
            var lineStart = text.LastIndexOf('\n', System.Math.Max(0, at - 1)) + 1;
            if (at == 0) lineStart = 0;
            return text.AsSpan(lineStart, at - lineStart).TrimStart().StartsWith("%");
        }

        /// <summary>After an error: the next '@' that starts a line (entries begin there in every real file).</summary>
        private int NextItem(int from)
        {
            for (var i = from; i < text.Length; i++)
            {
                if (text[i] != '@') continue;
                var j = i - 1;
                while (j >= 0 && text[j] is ' ' or '\t') j--;
                if (j < 0 || text[j] == '\n') return i;
            }
            return text.Length;
        }

        private void Item()
        {
            var start = pos;
            pos++; // '@'
            SkipSpace();
            var type = Identifier();
            if (type.Length == 0) throw new BibException(pos, "expected an entry type after '@'");
            type = type.ToLowerInvariant();
            SkipSpace();
            if (type == "comment")
            {
                // @comment{...} is skipped whole; a bare "@comment" line is a comment to its end.
                if (Peek() == '{') Braced();
                return;
            }
            var open = Peek();
            if (open is not ('{' or '(')) throw new BibException(pos, $"expected '{{' or '(' after @{type}");
            var close = open == '{' ? '}' : ')';
            var openPos = pos++;
            SkipSpace();
            switch (type)
            {
                case "preamble":
                    Value();
                    Expect(close);
                    return;
                case "string":
                    var namePos = pos;
                    var name = Identifier();
                    if (name.Length == 0) throw new BibException(namePos, "expected a macro name in @string");
                    SkipSpace();
                    Expect('=');
                    SkipSpace();
                    macros[name] = Value();
                    SkipSpace();
                    Expect(close);
                    return;
            }
            Entry(type, start, openPos, close);
        }

        private void Entry(string type, int start, int open, char close)
        {
            var keyPos = pos;
            var keyStart = pos;
            while (pos < text.Length && text[pos] is not (',' or ' ' or '\t' or '\r' or '\n') && text[pos] != close) pos++;
            var key = text[keyStart..pos];
            if (key.Length == 0) throw new BibException(keyPos, $"@{type} has no citation key");
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            SkipSpace();
            while (true)
            {
                if (pos >= text.Length) throw new BibException(open, $"'{text[open]}' of @{type}{{{key}}} is never closed");
                if (Peek() == close) { pos++; break; }
                if (Peek() != ',') throw new BibException(pos, $"expected ',' or '{close}' in @{type}{{{key}}}");
                pos++;
                SkipSpace();
                if (Peek() == close) { pos++; break; }
                var fieldPos = pos;
                if (pos >= text.Length) throw new BibException(open, $"'{text[open]}' of @{type}{{{key}}} is never closed");
                var field = Identifier().ToLowerInvariant();
                if (field.Length == 0) throw new BibException(pos, $"expected a field name in @{type}{{{key}}}");
                SkipSpace();
                Expect('=');
                SkipSpace();
                var value = Value();
                if (!fields.TryAdd(field, value))
                    diagnostics.Add(Diagnostic.Warning(Span(fieldPos), $"bibliography: field '{field}' appears twice in '{key}'; the first is kept"));
                SkipSpace();
            }

            var entry = new BibEntry
            {
                Type = type,
                Key = key,
                Span = Span(start),
                Fields = fields.ToImmutableDictionary(f => f.Key, f => Verbatim.Contains(f.Key) ? Unescape(f.Value) : LatexText.ToUnicode(f.Value), StringComparer.Ordinal),
                Authors = fields.TryGetValue("author", out var authors) ? Names.Parse(authors) : [],
                Editors = fields.TryGetValue("editor", out var editors) ? Names.Parse(editors) : [],
            };
            if (keys.TryGetValue(key, out var previous))
            {
                // BibTeX's own rule: a repeated entry is reported and the first one is used; pages still build.
                diagnostics.Add(Diagnostic.Warning(Span(keyPos), $"bibliography: key '{key}' is defined twice (first at line {previous.Span.Line}); the first is used"));
                return;
            }
            keys[key] = entry;
            entries.Add(entry);
        }

        /// <summary>A field value: parts joined with '#', each braced, quoted, a number or a macro name.</summary>
        private string Value()
        {
            var value = new StringBuilder();
            while (true)
            {
                var c = Peek();
                if (c == '{') value.Append(Braced());
                else if (c == '"') value.Append(Quoted());
                else if (char.IsAsciiDigit(c))
                {
                    var start = pos;
                    while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
                    value.Append(text, start, pos - start);
                }
                else
                {
                    var namePos = pos;
                    var name = Identifier();
                    if (name.Length == 0)
                        throw new BibException(pos, pos >= text.Length ? "the file ends inside a value" : $"expected a value, found '{c}'");
                    if (!macros.TryGetValue(name, out var expansion))
                        throw new BibException(namePos, $"unknown @string macro '{name}'");
                    value.Append(expansion);
                }
                SkipSpace();
                if (Peek() != '#') return value.ToString();
                pos++;
                SkipSpace();
            }
        }

        /// <summary>A braced value without its outer braces; inner braces are kept for the LaTeX conversion.</summary>
        private string Braced()
        {
            var open = pos;
            var depth = 0;
            for (; pos < text.Length; pos++)
            {
                if (text[pos] == '\\') { pos++; continue; }
                if (text[pos] == '{') depth++;
                else if (text[pos] == '}' && --depth == 0)
                {
                    pos++;
                    return text[(open + 1)..(pos - 1)];
                }
            }
            throw new BibException(open, "'{' is never closed");
        }

        private string Quoted()
        {
            var open = pos;
            var depth = 0;
            for (pos++; pos < text.Length; pos++)
            {
                var c = text[pos];
                if (c == '\\') { pos++; continue; }
                if (c == '{') depth++;
                else if (c == '}') depth--;
                else if (c == '"' && depth == 0)
                {
                    pos++;
                    return text[(open + 1)..(pos - 1)];
                }
            }
            throw new BibException(open, "'\"' is never closed");
        }

        private string Identifier()
        {
            var start = pos;
            while (pos < text.Length && (char.IsLetterOrDigit(text[pos]) || text[pos] is '_' or '-' or ':' or '.' or '+' or '/' or '\'' or '!' or '?' or '*' or '&' or '<' or '>' or '['or ']' or '|' or '$' or ';' or '~' or '^' or '`'))
                pos++;
            return text[start..pos];
        }

        private void Expect(char c)
        {
            if (Peek() != c)
                throw new BibException(pos, pos >= text.Length ? $"expected '{c}', found the end of the file" : $"expected '{c}', found '{text[pos]}'");
            pos++;
        }

        private char Peek() => pos < text.Length ? text[pos] : '\0';

        private void SkipSpace()
        {
            while (pos < text.Length && char.IsWhiteSpace(text[pos])) pos++;
        }

        private SourceSpan Span(int offset)
        {
            lineStarts ??= LineStarts(text);
            var line = Array.BinarySearch(lineStarts, offset);
            if (line < 0) line = ~line - 1;
            return new SourceSpan(path, line + 1, offset - lineStarts[line] + 1);
        }

        private static int[] LineStarts(string text)
        {
            var starts = new List<int> { 0 };
            for (var i = 0; i < text.Length; i++)
                if (text[i] == '\n') starts.Add(i + 1);
            return [.. starts];
        }

        private static string Unescape(string value) =>
            value.Replace("\\_", "_").Replace("\\%", "%").Replace("\\&", "&").Replace("\\#", "#").Replace("{", "").Replace("}", "").Trim();
    }
}
