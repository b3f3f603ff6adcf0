using System.Text;

namespace Lemma.Server.Newsletter;

/// <summary>One field of a CSV row, with the line and column (1-based) where it starts, for an error at that spot.</summary>
public readonly record struct CsvField(string Text, int Line, int Column);

/// <summary>
/// RFC 4180 records (quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF between records), each field
/// with its position. Written here rather than taken from a CSV library because the import reports every problem at its
/// line and column, which the libraries served here give per row at best.
/// </summary>
public static class CsvRows
{
    public static IEnumerable<CsvField[]> Read(string text)
    {
        var row = new List<CsvField>();
        var field = new StringBuilder();
        int line = 1, column = 1, startLine = 1, startColumn = 1, i = 0;
        if (text.StartsWith('\uFEFF')) i = 1; // a byte order mark, as spreadsheet programs write
        var quoted = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; column += 2; continue; }
                if (c == '"') { quoted = false; column++; continue; }
                field.Append(c);
                if (c == '\n') { line++; column = 1; } else column++;
                continue;
            }
            if (c == '"' && field.Length == 0) { quoted = true; column++; continue; }
            if (c == ',')
            {
                row.Add(new CsvField(field.ToString(), startLine, startColumn));
                field.Clear();
                column++;
                (startLine, startColumn) = (line, column);
                continue;
            }
            if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(new CsvField(field.ToString(), startLine, startColumn));
                if (row.Count > 1 || row[0].Text.Length > 0) yield return [.. row];
                row.Clear();
                field.Clear();
                line++;
                column = 1;
                (startLine, startColumn) = (line, column);
                continue;
            }
            field.Append(c);
            column++;
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(new CsvField(field.ToString(), startLine, startColumn));
            yield return [.. row];
        }
    }
}
