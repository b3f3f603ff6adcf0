using Lemma.Highlight.Lexing;

namespace Lemma.Highlight.Lexers;

/// <summary>
/// SQL, shaped after VS Code's SQL grammar (vscode-mssql's): its words are tried in the grammar's order, so that a word
/// in its long keyword list is a keyword even where it names a column (<c>version</c>, <c>name</c>), types come next,
/// then clauses (<c>group by</c>, <c>left join</c>), then functions, coloured with or without parentheses
/// (<c>replace</c>, <c>cast</c>). Qualified names (<c>t.col</c>) are constants; strings, <c>[bracketed]</c> names,
/// numbers, operators, line and block comments. Punctuation stays text, as there, but for <c>()</c>.
/// </summary>
public sealed class SqlLexer : ILexer
{
    public static readonly SqlLexer Instance = new();

    // The grammar's keyword list (T-SQL's vocabulary), without its option names that contain an underscore.
    private const string Keywords =
        "abort absent absolute acp action activation add address admin affinity after aggregate algorithm alter " +
        "altercolumn always anonymous appdomain append application apply arithabort arithignore assembly asymmetric " +
        "at atan2 atomic attach audit authentication auto automatic autopilot availability base64 basic batches " +
        "batchsize before between bigint binary binding bit block blocksize bmk break broker buffer buffercount by " +
        "call caller card case catalog catch cert certificate changes char character checkconstraints checkindex " +
        "checkpoint clear close clustered codepage collection columnstore committed compression concatenate " +
        "configuration connect continue contract control conversation copy counter create credential cross " +
        "cryptographic cube cursor data database datafiletype date datefirst dateformat datetime datetime2 " +
        "datetimeoffset days dbid dbidexec deallocate dec decimal declare decrypt decryption definition delay " +
        "delimitedtext dependent des description desx differential digest disable disabled disk distinct distributed " +
        "distribution drop dump durability dynamic edition elements else emergency empty enable enabled encoding " +
        "encrypted encryption end endpoint enhancedintegrity entry errorfile estimateonly event except exec " +
        "executable execute exists expand expiredate explicit external failover fast fastfirstrow fetch " +
        "fieldterminator file filegroup filelistonly filename filestream filetable filter first firstrow float " +
        "fmtonly following force forced forceplan formatfile formsof fullscan fulltext fulltextall fulltextkey " +
        "function generated geography geometry get global go goto governor guid hadoop hardening hash hashed " +
        "headeronly hidden hierarchyid histogram hours http identity if ifnull image immediate include index " +
        "inflectional init initiator insensitive insert instead int integer integrated intermediate intersect into " +
        "io is isabout isolation json keep keepdefaults keepfixed keepidentity keepnulls kerberos key keyset kill " +
        "labelonly langid language last lastrow length level lifetime load loadhistory local locate location lockres " +
        "login loop manual masked master matched maxdop maxerrors maxlength maxtransfersize mediadescription " +
        "medianame mediapassword memogroup merge message microsecond millisecond minutes mixed modify money move " +
        "name namespace nanosecond native nchar ncharacter never newname next no nocount noexec noexpand noformat " +
        "noinit nolock nonatomic nonclustered nondurable none norecompute norecovery noreset norewind noskip not " +
        "notification nounload now nowait ntext ntlm numeric nvarchar object objid oem offline online open openjson " +
        "optimistic option orc out outer output over override owner ownership page pagecount paglock param " +
        "parameterization parquet parseonly partial partition partner password path pause percentage period " +
        "persisted policy pool population ports preceding precision predicate primary print prior private proc " +
        "procedure profile provider queue raiserror range raw rc2 rc4 rcfile rdbms read readcommitted " +
        "readcommittedlock readonly readpast readuncommitted readwrite real rebuild receive recompile reconfigure " +
        "recovery recursive relative remote remove reorganize repeat repeatable repeatableread replica replicated " +
        "required resample reset resource restart restore resume retaindays retention return returns revert rewind " +
        "rewindonly robust role rollup root route row rowdump rowguidcol rowlock rows rowterminator rowversion safe " +
        "safety sample save schema schemabinding scoped scroll sddl secexpr secondary secret security securityaudit " +
        "selective self send sent sequence serializable server service session sessions seterror setopts sets " +
        "sharded shrinkdb shutdown sid signature simple singleton site skip smalldatetime smallint smallmoney " +
        "snapshot snapshotrestorephase soap softnuma spatial sql ssl standard standby start started state statement " +
        "static statistics statman status stop stopat stopatmark stopbeforemark stoplist stopped subject supported " +
        "suspend symmetric synonym sysname system table tableresults tablock tablockx take tape target tcp text then " +
        "thesaurus throw time timeout timestamp tinyint to top tran transaction transfer truncate trustworthy try " +
        "tsql type tzoffset uid unbounded uncommitted unique uniqueidentifier unlimited unload unlock unsafe updlock " +
        "url use useplan useroptions using utcdatetime validation value values varbinary varchar verbose verifyonly " +
        "version visiblity waitfor webmethod weekday weight when while widechar widenative window windows with " +
        "within without witness workload wsdl xlock xml xmlschema xquery xsinil zone";
    // storage types the keyword list does not already take; double (precision), times, timestamptz, timestamps and
    // interval(n) have rules of their own
    private const string Types = "bigserial boolean box bytea cidr circle inet line lseg macaddr number oid point polygon serial sysdate";
    private const string TypeHeads = "double times timestamptz timestamps interval";
    // the first words of clauses that are keywords only with what follows (left and right are functions alone)
    private const string PhraseStarts = "foreign group order inner natural full left right";
    // one-word modifiers and clauses (union all, on delete and commit work take the next words along)
    private const string Clauses =
        "references nocheck check constraint collate default select update delete from set where or like and union having limit " +
        "join straight_join on off null values begin commit rollback grant revoke in as desc asc";
    private const string Functions =
        "aggregate approx_count_distinct avg checksum_agg count count_big grouping grouping_id max min sum stdev stdevp var " +
        "varp cume_dist first_value lag last_value lead percent_rank percentile_cont percentile_disc cast convert parse " +
        "try_cast try_convert try_parse collationproperty tertiary_weights cursor_status sysdatetime sysdatetimeoffset " +
        "sysutcdatetime current_time current_timestamp getdate getutcdate datename datepart day month year datefromparts " +
        "datetime2fromparts datetimefromparts datetimeoffsetfromparts smalldatetimefromparts timefromparts datediff " +
        "dateadd eomonth switchoffset todatetimeoffset isdate date_bucket datalength ident_current ident_incr ident_seed " +
        "sql_variant_property coalesce nullif isjson json_object json_array json_value json_query json_modify " +
        "json_path_exists choose iif greatest least abs acos asin atan atn2 ceiling cos cot degrees exp floor log log10 pi " +
        "power radians rand round sign sin sqrt square tan app_name col_length col_name columnproperty db_id db_name " +
        "file_id file_name object_definition object_id object_name object_schema_name objectproperty parsename schema_id " +
        "schema_name scope_identity serverproperty type_id type_name rank dense_rank ntile row_number generate_series " +
        "openrowset openquery openxml predict string_split current_user has_perms_by_name is_member permissions " +
        "session_user system_user user_id user_name ascii charindex concat difference format left len lower ltrim nodes " +
        "patindex quotename replace replicate reverse right rtrim soundex space str string_agg string_escape stuff " +
        "substring translate trim unicode upper binary_checksum checksum compress decompress error_line error_message " +
        "error_number isnull isnumeric newid textptr textvalid";

    private enum Class { None, Keyword, Type, TypeHead, PhraseStart, Clause, Function }

    // each word in the class of the grammar's first rule that takes it
    private static readonly Dictionary<string, Class>.AlternateLookup<ReadOnlySpan<char>> Vocabulary = BuildVocabulary();

    private static Dictionary<string, Class>.AlternateLookup<ReadOnlySpan<char>> BuildVocabulary()
    {
        var words = new Dictionary<string, Class>(StringComparer.OrdinalIgnoreCase);
        foreach (var (list, cls) in (ReadOnlySpan<(string, Class)>)[(Keywords, Class.Keyword), (Types, Class.Type), (TypeHeads, Class.TypeHead),
                     (PhraseStarts, Class.PhraseStart), (Clauses, Class.Clause), (Functions, Class.Function)])
            foreach (var word in list.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                words.TryAdd(word, cls);
        return words.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    // the object kinds of create, alter and drop heads, and of comment on
    private static readonly Words HeadObjects = new(
        "aggregate conversion database domain function group index language operator rule schema sequence table " +
        "tablespace trigger type user view");
    private static readonly Words CommentObjects = new(
        "table column aggregate constraint database domain function index operator rule schema sequence trigger type view");

    public void Lex(string s, int start, int end, TokenList t)
    {
        var i = start;
        var lineStart = true; // no token yet on this line
        while (i < end)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c)) { if (c == '\n') lineStart = true; i++; continue; }
            var first = lineStart;
            lineStart = false;
            if (first && Head(s, i, end, t, indented: i > start && Scan.IsSpace(s[i - 1])) is var h && h > i) { i = h; continue; }
            if (c == '-' && i + 1 < end && s[i + 1] == '-') { var e = Scan.LineEnd(s, i, end); t.Add(i, e, TokenKind.Comment); i = e; continue; }
            if (c == '/' && i + 1 < end && s[i + 1] == '*')
            {
                var close = s.IndexOf("*/", i + 2, end - i - 2, StringComparison.Ordinal);
                var e = close < 0 ? end : close + 2;
                t.Add(i, e, TokenKind.Comment);
                i = e;
                continue;
            }
            if (c == '@' && i + 1 < end && IsWord(s[i + 1]) && (i == start || s[i - 1] != '@')) { i = Word(s, i + 1, end); continue; } // @variable: plain
            if (c == '[')
            {
                // [bracketed name], on one line: plain, whatever it holds
                var close = s.IndexOf(']', i, Scan.LineEnd(s, i, end) - i);
                i = close < 0 ? i + 1 : close + 1;
                continue;
            }
            if (c is '\'' or '"' or '`') { i = String(s, i, i, end, t); continue; }
            if (c == '(' && i + 1 < end && s[i + 1] == ')') { t.Add(i, i + 2, TokenKind.Punctuation); i += 2; continue; }
            if (IsWord(c))
            {
                var e = Word(s, i, end);
                if (char.IsAsciiDigit(c) && Digits(s, i, e)) t.Add(i, e, TokenKind.Number); // \b\d+\b: 1.5 is two numbers
                else if (e - i == 1 && c == 'N' && e < end && s[e] == '\'' && SameLine(s, e + 1, end, '\'') >= 0) { e = String(s, i, e, end, t); }
                else e = WordToken(s, i, e, end, t, blankBefore: i > start && Scan.IsSpace(s[i - 1]));
                i = e;
                continue;
            }
            if (c is '=' or '<' or '>' or '!' or '*' or '+' or '-' or '/' or '|')
            {
                var e = i + 1;
                if (c is '<' or '>' or '!' && e < end && s[e] == '=' || c == '<' && e < end && s[e] == '>' || c == '|' && e < end && s[e] == '|') e++;
                else if (c is '!' or '|') { i++; continue; } // a lone ! or | is no operator there
                t.Add(i, e, TokenKind.Operator);
                i = e;
                continue;
            }
            i++; // punctuation, #, ::, %, ~: plain
        }
    }

    /// <summary>A word at <paramref name="i"/> (ending at <paramref name="e"/>), with the phrases it may open; returns the end.</summary>
    private static int WordToken(string s, int i, int e, int end, TokenList t, bool blankBefore)
    {
        var word = s.AsSpan(i, e - i);
        var cls = Vocabulary.TryGetValue(word, out var found) ? found : Class.None;
        switch (cls)
        {
            case Class.Keyword:
                // drop table NAME [cascade] after a blank: the grammar's rule names the table (a function's colour), "if" included
                if (blankBefore && Is(s, i, e, "drop") && NextWord(s, e, end, out var ts, out var te) && Is(s, ts, te, "table")
                    && NextWord(s, te, end, out var ns, out var ne))
                {
                    t.Add(i, e, TokenKind.Keyword);
                    t.Add(ts, te, TokenKind.Keyword);
                    t.Add(ns, ne, TokenKind.Function);
                    if (NextWord(s, ne, end, out var cs, out var ce) && cs > ne && Is(s, cs, ce, "cascade")) { t.Add(cs, ce, TokenKind.Keyword); return ce; }
                    return ne;
                }
                t.Add(i, e, TokenKind.Keyword);
                return e;
            case Class.Type:
                return SizedType(s, i, e, end, t, Is(s, i, e, "number"));
            case Class.TypeHead:
                if (Is(s, i, e, "double"))
                {
                    // "double precision", one blank between
                    if (e + 1 < end && s[e] is ' ' or '\t' && Word(s, e + 1, end) is var de && Is(s, e + 1, de, "precision"))
                    {
                        t.Add(i, de, TokenKind.Type);
                        return de;
                    }
                    break;
                }
                if (Is(s, i, e, "interval"))
                {
                    if (SizeAfter(s, e, end) > e) return SizedType(s, i, e, end, t, sized: true);
                    break;
                }
                return TimeType(s, i, e, end, t);
            case Class.PhraseStart:
                // foreign key, group by, order by, [inner|natural|full outer|left [outer]|right [outer]] join
                if (JoinOrPhrase(s, i, end) is var pe && pe > 0)
                {
                    t.Add(i, pe, TokenKind.Keyword);
                    return pe;
                }
                if (Is(s, i, e, "left") || Is(s, i, e, "right")) goto case Class.Function;
                break;
            case Class.Clause:
            {
                // union all, on delete [cascade], begin/commit/rollback work: the next words belong to the clause
                var ce = Phrase(s, i, end, "union", "all");
                if (ce < 0) ce = Phrase(s, i, end, "on", "delete", "cascade");
                if (ce < 0) ce = Phrase(s, i, end, "on", "delete");
                if (ce < 0 && (Is(s, i, e, "begin") || Is(s, i, e, "commit") || Is(s, i, e, "rollback"))
                    && NextWord(s, e, end, out var ws, out var we) && Is(s, ws, we, "work")) ce = we;
                t.Add(i, ce > 0 ? ce : e, TokenKind.Keyword);
                return ce > 0 ? ce : e;
            }
            case Class.Function:
                t.Add(i, e, TokenKind.Function);
                return e;
            case Class.None when IsVarcharN(word):
                return SizedType(s, i, e, end, t, sized: true);
        }
        // schema.table, t.col: both names constants, whatever they are
        if (e + 1 < end && s[e] == '.' && IsWord(s[e + 1]))
        {
            var e2 = Word(s, e + 1, end);
            t.Add(i, e, TokenKind.Constant);
            t.Add(e + 1, e2, TokenKind.Constant);
            return e2;
        }
        return e;
    }

    /// <summary>A type, and its "(n)" if it takes one: number(10), varchar2(30), interval(6).</summary>
    private static int SizedType(string s, int i, int e, int end, TokenList t, bool sized)
    {
        t.Add(i, e, TokenKind.Type);
        if (!sized || SizeAfter(s, e, end) is var size && size < 0) return e;
        t.Add(e + 1, size - 1, TokenKind.Number);
        return size;
    }

    /// <summary>
    /// The heads the grammar matches from a line's start: create/alter/drop KIND (only when indented: at the margin its
    /// keyword list matches first), with a created object's name as a function, and comment on KIND … is (keywords
    /// throughout). Returns the end, or -1.
    /// </summary>
    private static int Head(string s, int i, int end, TokenList t, bool indented)
    {
        if (!NextWord(s, i, end, out var ws, out var we) || ws != i) return -1;
        var word = s.AsSpan(ws, we - ws);
        if (word.Equals("comment", StringComparison.OrdinalIgnoreCase))
        {
            if (!NextWord(s, we, end, out var os, out var oe) || !Is(s, os, oe, "on")) return -1;
            if (!NextWord(s, oe, end, out var ks, out var ke) || !CommentObjects.Contains(s.AsSpan(ks, ke - ks))) return -1;
            // … up to the first "is" between blanks (the line's end counts as one)
            var line = Scan.LineEnd(s, ke, end);
            for (var p = ke + 1; p + 2 <= line; p++)
            {
                if (!char.IsWhiteSpace(s[p - 1]) || !Is(s, p, p + 2, "is") || p + 2 < end && !char.IsWhiteSpace(s[p + 2])) continue;
                t.Add(i, p + 2, TokenKind.Keyword);
                return p + 2;
            }
            return -1;
        }
        if (!indented) return -1;
        var create = Is(s, ws, we, "create");
        var alter = Is(s, ws, we, "alter");
        if (!create && !alter && !Is(s, ws, we, "drop")) return -1;
        var head = create && Phrase(s, i, end, "create", "or", "replace") is var cr && cr > 0 ? cr : we;
        if (!NextWord(s, head, end, out var kindStart, out var kindEnd)) return -1;
        if (create && Is(s, kindStart, kindEnd, "unique") && NextWord(s, kindEnd, end, out var xs, out var xe) && Is(s, xs, xe, "index"))
            kindEnd = xe;
        else if (Phrase(s, kindStart, end, "operator", "class") is var oc && oc > 0) kindEnd = oc;
        else if (!HeadObjects.Contains(s.AsSpan(kindStart, kindEnd - kindStart))
                 && !(alter && (Is(s, kindStart, kindEnd, "proc") || Is(s, kindStart, kindEnd, "procedure"))))
            return -1;
        if (kindEnd >= end || !char.IsWhiteSpace(s[kindEnd])) return -1; // the kind is followed by a blank
        if (create)
        {
            // the object's name, maybe quoted, on the same line
            var n = Scan.SkipBlanks(s, kindEnd, end);
            var quote = n < end && s[n] is '\'' or '"' or '`' ? s[n] : '\0';
            var ns = quote == '\0' ? n : n + 1;
            if (n == kindEnd || ns >= end || !IsWord(s[ns])) return -1;
            var ne = Word(s, ns, end);
            if (quote != '\0' && (ne >= end || s[ne] != quote)) return -1;
            t.Add(i, head, TokenKind.Keyword);
            t.Add(kindStart, kindEnd, TokenKind.Keyword);
            t.Add(ns, ne, TokenKind.Function);
            return quote == '\0' ? ne : ne + 1;
        }
        t.Add(i, head, TokenKind.Keyword);
        t.Add(kindStart, kindEnd, TokenKind.Keyword);
        return kindEnd;
    }

    /// <summary>timestamptz, timestamps or times, with a size and " with time zone" (one blank each, as in the grammar).</summary>
    private static int TimeType(string s, int i, int e, int end, TokenList t)
    {
        t.Add(i, e, TokenKind.Type);
        var p = e;
        if (SizeAfter(s, p, end) is var se && se > p) { t.Add(p + 1, se - 1, TokenKind.Number); p = se; }
        if (p + 1 < end && s[p] is ' ' or '\t' && Word(s, p + 1, end) is var we && (Is(s, p + 1, we, "with") || Is(s, p + 1, we, "without"))
            && we + 1 < end && s[we] is ' ' or '\t' && Word(s, we + 1, end) is var te && Is(s, we + 1, te, "time")
            && te + 1 < end && s[te] is ' ' or '\t' && Word(s, te + 1, end) is var ze && Is(s, te + 1, ze, "zone"))
        {
            t.Add(p, ze, TokenKind.Type);
            p = ze;
        }
        return p;
    }

    private static bool Is(string s, int from, int to, string word) => s.AsSpan(from, to - from).Equals(word, StringComparison.OrdinalIgnoreCase);

    private static bool IsVarcharN(ReadOnlySpan<char> word) =>
        word.Length == 8 && word.StartsWith("varchar", StringComparison.OrdinalIgnoreCase) && char.IsAsciiDigit(word[7]);

    /// <summary>"(digits)" right after <paramref name="e"/>: the end after ')', else -1.</summary>
    private static int SizeAfter(string s, int e, int end)
    {
        if (e >= end || s[e] != '(') return -1;
        var p = e + 1;
        while (p < end && char.IsAsciiDigit(s[p])) p++;
        return p > e + 1 && p < end && s[p] == ')' ? p + 1 : -1;
    }

    /// <summary>The clauses of two or three words whose first word alone is no keyword: the end, or -1.</summary>
    private static int JoinOrPhrase(string s, int i, int end)
    {
        foreach (var (a, b) in TwoWords)
            if (Phrase(s, i, end, a, b) is var e && e > 0) return e;
        foreach (var side in (string[])["left", "right"])
        {
            if (Phrase(s, i, end, side, "outer", "join") is var a && a > 0) return a;
            if (Phrase(s, i, end, "natural", side, "outer", "join") is var b && b > 0) return b;
            if (Phrase(s, i, end, "natural", side, "join") is var c && c > 0) return c;
        }
        return Phrase(s, i, end, "full", "outer", "join");
    }

    private static readonly (string, string)[] TwoWords =
        [("foreign", "key"), ("group", "by"), ("order", "by"), ("inner", "join"), ("left", "join"), ("right", "join"), ("natural", "join")];

    /// <summary>The words given, separated by blanks on one line, starting at <paramref name="i"/>: the end, or -1.</summary>
    private static int Phrase(string s, int i, int end, params ReadOnlySpan<string> words)
    {
        var p = i;
        for (var k = 0; k < words.Length; k++)
        {
            if (k > 0)
            {
                var q = Scan.SkipBlanks(s, p, end);
                if (q == p) return -1;
                p = q;
            }
            var e = Word(s, p, end);
            if (!s.AsSpan(p, e - p).Equals(words[k], StringComparison.OrdinalIgnoreCase)) return -1;
            p = e;
        }
        return p;
    }

    /// <summary>The next word after blanks on the same line.</summary>
    private static bool NextWord(string s, int i, int end, out int ws, out int we)
    {
        ws = Scan.SkipBlanks(s, i, end);
        we = Word(s, ws, end);
        return we > ws;
    }

    /// <summary>A quoted string from <paramref name="q"/> (its quote; <paramref name="i"/> may hold an N prefix): the end.</summary>
    private static int String(string s, int i, int q, int end, TokenList t)
    {
        var quote = s[q];
        // on one line, a single- or back-quoted string has no escapes (a back-quoted one no backslash at all), a double-quoted
        // one no '#'; else it runs to its closing quote, over lines, with backslash escapes (not in double quotes)
        var close = SameLine(s, q + 1, end, quote);
        if (close >= 0 && (quote != '`' || s.AsSpan(q + 1, close - q - 1).IndexOf('\\') < 0) && (quote != '"' || s.AsSpan(q + 1, close - q - 1).IndexOf('#') < 0))
        {
            t.Add(i, close + 1, TokenKind.String);
            return close + 1;
        }
        var p = q + 1;
        var from = i;
        while (p < end && s[p] != quote)
        {
            if (s[p] == '\\' && quote != '"' && p + 1 < end && s[p + 1] != '\n')
            {
                t.Add(from, p, TokenKind.String);
                t.Add(p, p + 2, TokenKind.Escape);
                p += 2;
                from = p;
                continue;
            }
            p++;
        }
        p = System.Math.Min(end, p + 1);
        t.Add(from, p, TokenKind.String);
        return p;
    }

    private static int SameLine(string s, int i, int end, char c)
    {
        var line = Scan.LineEnd(s, i, end);
        return s.IndexOf(c, i, line - i);
    }

    private static bool IsWord(char c) => Scan.IsIdentPart(c);

    private static int Word(string s, int i, int end)
    {
        while (i < end && IsWord(s[i])) i++;
        return i;
    }

    private static bool Digits(string s, int i, int e)
    {
        for (var p = i; p < e; p++) if (!char.IsAsciiDigit(s[p])) return false;
        return true;
    }

    /// <summary>A case-insensitive word set, looked up by span.</summary>
    private sealed class Words(string spaceSeparated)
    {
        private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup =
            new HashSet<string>(spaceSeparated.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.OrdinalIgnoreCase)
                .GetAlternateLookup<ReadOnlySpan<char>>();

        public bool Contains(ReadOnlySpan<char> word) => _lookup.Contains(word);
    }
}
