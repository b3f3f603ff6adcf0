using Lemma.Highlight.Lexing;

namespace Lemma.Highlight.Lexers;

/// <summary>
/// SQL, shaped after VS Code's SQL grammar: keywords case-insensitively, aggregate and common functions, qualified
/// names (<c>t.col</c>) as constants, quoted strings (with '' doubling) and identifiers, numbers, comparison and
/// arithmetic operators, line and block comments. Punctuation stays text, as there.
/// </summary>
public sealed class SqlLexer : ILexer
{
    public static readonly SqlLexer Instance = new();

    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "add", "all", "alter", "and", "any", "as", "asc", "begin", "between", "by", "cascade", "case", "check", "column",
        "commit", "constraint", "create", "cross", "database", "default", "delete", "desc", "distinct", "drop", "else", "end",
        "except", "exists", "explain", "foreign", "from", "full", "grant", "group", "having", "if", "in", "index", "inner",
        "insert", "intersect", "into", "is", "join", "key", "left", "like", "limit", "natural", "not", "null", "offset", "on",
        "or", "order", "outer", "over", "partition", "primary", "references", "returning", "right", "rollback", "select",
        "set", "table", "then", "transaction", "truncate", "union", "unique", "update", "using", "values", "view", "when",
        "where", "with", "recursive", "ilike", "lateral", "materialized", "replace", "temporary", "temp", "trigger",
        "function", "returns", "language", "declare", "cast", "collate", "rows", "range", "preceding", "following",
        "unbounded", "current", "row", "filter", "within", "fetch", "first", "next", "only", "nulls", "last", "to", "schema",
        "extension", "sequence", "vacuum", "analyze", "copy", "upsert", "conflict", "do", "nothing",
        "integer", "int", "bigint", "smallint", "serial", "bigserial", "text", "varchar", "char", "boolean", "bool", "date",
        "timestamp", "timestamptz", "time", "interval", "numeric", "decimal", "real", "float", "double", "precision", "json",
        "jsonb", "uuid", "bytea", "blob", "auto_increment", "autoincrement", "name",
    };
    private static readonly HashSet<string> Functions = new(StringComparer.OrdinalIgnoreCase)
    {
        "avg", "count", "max", "min", "sum", "coalesce", "nullif", "lower", "upper", "length", "substring", "trim", "now",
        "round", "abs", "ceil", "floor", "concat", "row_number", "rank", "dense_rank", "lag", "lead", "first_value",
        "last_value", "ntile", "string_agg", "array_agg", "json_agg", "date_trunc", "extract", "to_char", "greatest", "least",
    };

    public void Lex(string s, int start, int end, TokenList t)
    {
        var i = start;
        while (i < end)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '-' && i + 1 < end && s[i + 1] == '-' || c == '#') { var e = Scan.LineEnd(s, i, end); t.Add(i, e, TokenKind.Comment); i = e; continue; }
            if (c == '/' && i + 1 < end && s[i + 1] == '*')
            {
                var close = s.IndexOf("*/", i + 2, end - i - 2, StringComparison.Ordinal);
                var e = close < 0 ? end : close + 2;
                t.Add(i, e, TokenKind.Comment);
                i = e;
                continue;
            }
            if (c is '\'' or '"' or '`')
            {
                var p = i + 1;
                while (p < end && s[p] != c) p++;
                p = System.Math.Min(end, p + 1);
                t.Add(i, p, TokenKind.String);
                i = p;
                continue;
            }
            if (char.IsAsciiDigit(c))
            {
                var e = i;
                while (e < end && char.IsAsciiDigit(s[e])) e++;
                t.Add(i, e, TokenKind.Number);
                i = e;
                continue;
            }
            if (Scan.IsIdentStart(c))
            {
                var e = Scan.Ident(s, i, end);
                var word = s[i..e];
                var next = Scan.SkipBlanks(s, e, end);
                if (e < end && s[e] == '.' && e + 1 < end && Scan.IsIdentStart(s[e + 1]))
                {
                    var e2 = Scan.Ident(s, e + 1, end);
                    t.Add(i, e, TokenKind.Constant);
                    t.Add(e + 1, e2, TokenKind.Constant);
                    i = e2;
                    continue;
                }
                if (Functions.Contains(word) && next < end && s[next] == '(') t.Add(i, e, TokenKind.Function);
                else if (Keywords.Contains(word)) t.Add(i, e, TokenKind.Keyword);
                i = e;
                continue;
            }
            if ("=<>!*+-/%|".Contains(c))
            {
                var e = i + 1;
                if (e < end && s[e] is '=' or '>' or '|') e++;
                t.Add(i, e, TokenKind.Operator);
                i = e;
                continue;
            }
            i++;
        }
    }
}
