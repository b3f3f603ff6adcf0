using System.Globalization;
using Lemma.Diagnostics;
using Lemma.Server.Comments;

namespace Lemma.Server.Newsletter;

/// <summary>What an export file gave: its subscribers, and every problem at its line and column (none stored when there is one).</summary>
public sealed record ImportFile(IReadOnlyList<ImportedSubscriber> Subscribers, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// The subscriber exports of other newsletter services, read by their header row, keeping each address's state:
/// <list type="bullet">
/// <item>Substack (<c>email, active_subscription, expiry, plan, email_disabled, created_at, …</c>): every row is a
/// subscriber, confirmed unless <c>email_disabled</c> is true (then unsubscribed); <c>active_subscription</c> says whether a
/// paid plan runs, which does not change whether the address gets the newsletter.</item>
/// <item>Buttondown (<c>email</c> or <c>email_address</c>, <c>subscriber_type</c> or <c>type</c>, <c>creation_date</c>, …): the
/// type gives the state (regular, premium, … confirmed; unactivated pending; unsubscribed, removed, complained unsubscribed;
/// undeliverable bounced).</item>
/// <item>Mailchimp (<c>Email Address, First Name, Last Name, …, OPTIN_TIME, CONFIRM_TIME, …</c>): its three files by their
/// columns: the subscribed members are confirmed, a file with <c>UNSUB_TIME</c> unsubscribed, one with <c>CLEAN_TIME</c>
/// (cleaned: hard bounces) bounced.</item>
/// </list>
/// </summary>
public static class SubscriberImport
{
    private static readonly Dictionary<string, SubscriberState> ButtondownTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["regular"] = SubscriberState.Confirmed, ["premium"] = SubscriberState.Confirmed, ["gifted"] = SubscriberState.Confirmed,
        ["trialed"] = SubscriberState.Confirmed, ["churning"] = SubscriberState.Confirmed, ["past_due"] = SubscriberState.Confirmed,
        ["paused"] = SubscriberState.Confirmed, ["unpaid"] = SubscriberState.Confirmed,
        ["unactivated"] = SubscriberState.Pending,
        ["unsubscribed"] = SubscriberState.Unsubscribed, ["removed"] = SubscriberState.Unsubscribed, ["complained"] = SubscriberState.Unsubscribed,
        ["spammy"] = SubscriberState.Unsubscribed,
        ["undeliverable"] = SubscriberState.Bounced,
    };

    /// <summary>Reads <paramref name="text"/>, the file at <paramref name="path"/> (the name its problems carry).</summary>
    public static ImportFile Read(string path, string text)
    {
        var rows = CsvRows.Read(text).ToList();
        if (rows.Count == 0) return new ImportFile([], [Diagnostic.Error(new SourceSpan(path, 1, 1), "the file is empty: expected an export of Substack, Buttondown or Mailchimp")]);
        if (Export.Of(rows[0]) is not { } export)
            return new ImportFile([], [Diagnostic.Error(new SourceSpan(path, 1, 1),
                "not an export this reads: expected Substack's (email, active_subscription, …), Buttondown's (email, subscriber_type, …) or Mailchimp's (\"Email Address\", …) header row")]);
        var problems = new List<Diagnostic>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var found = new List<ImportedSubscriber>();
        foreach (var row in rows.Skip(1))
        {
            var before = problems.Count;
            var subscriber = Subscriber(export, row, seen, (where, message) => problems.Add(Diagnostic.Error(new SourceSpan(path, where.Line, where.Column), message)));
            if (subscriber is not null && problems.Count == before) found.Add(subscriber);
        }
        return new ImportFile(found, problems);
    }

    /// <summary>Which service's export a header row is, and where its columns are.</summary>
    private sealed record Export(string Source, IReadOnlyDictionary<string, int> Header, int Email)
    {
        public static Export? Of(CsvField[] header)
        {
            var columns = header.Select((f, i) => (Name: f.Text.Trim(), Index: i)).GroupBy(h => h.Name, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First().Index, StringComparer.OrdinalIgnoreCase);
            var export = new Export("", columns, -1);
            return export.Column("Email Address") is { } mailchimp ? export with { Source = "mailchimp", Email = mailchimp }
                : export.Column("active_subscription", "email_disabled") is not null && export.Column("email") is { } substack ? export with { Source = "substack", Email = substack }
                : export.Column("subscriber_type", "type") is not null && export.Column("email", "email_address") is { } buttondown ? export with { Source = "buttondown", Email = buttondown }
                : null;
        }

        /// <summary>The first of <paramref name="names"/> the header has (any case).</summary>
        public int? Column(params string[] names) => names.Select(n => Header.TryGetValue(n, out var i) ? i : (int?)null).FirstOrDefault(i => i is not null);

        /// <summary>Mailchimp's state is its file's: the unsubscribed and cleaned exports have columns of their own.</summary>
        public SubscriberState MailchimpState => Column("CLEAN_TIME") is not null ? SubscriberState.Bounced
            : Column("UNSUB_TIME") is not null ? SubscriberState.Unsubscribed : SubscriberState.Confirmed;
    }

    /// <summary>One row as a subscriber, each problem told to <paramref name="problem"/> at its field (then the row is left out).</summary>
    private static ImportedSubscriber? Subscriber(Export export, CsvField[] row, Dictionary<string, int> seen, Action<CsvField, string> problem)
    {
        CsvField? Field(int? index) => index is { } i && i < row.Length ? row[i] : null;
        string Text(int? index) => Field(index)?.Text.Trim() ?? "";
        if (Field(export.Email) is not { } address) { problem(row[0], "this row has no email column"); return null; }
        var email = address.Text.Trim().ToLowerInvariant();
        // One plain address, nothing a mail header could take as a second one or a line break (CommentForm.IsEmail).
        if (!CommentForm.IsEmail(email)) problem(address, $"'{Printable(address.Text)}' is not one email address");
        else if (seen.TryGetValue(email, out var first)) problem(address, $"{email} is here twice (first on line {first})");
        else seen[email] = address.Line;

        var name = export.Source == "mailchimp"
            ? $"{Text(export.Column("First Name"))} {Text(export.Column("Last Name"))}".Trim()
            : Text(export.Column("name", "full_name"));
        if (name.Any(char.IsControl) || name.Length > CommentForm.MaxName)
            problem(Field(export.Column("First Name", "name", "full_name")) ?? row[0], $"the name must be one line of at most {CommentForm.MaxName} characters");

        var state = export.Source switch
        {
            "substack" => Text(export.Column("email_disabled")).Equals("true", StringComparison.OrdinalIgnoreCase) ? SubscriberState.Unsubscribed : SubscriberState.Confirmed,
            "buttondown" => ButtondownState(Field(export.Column("subscriber_type", "type")) ?? row[0], problem),
            _ => export.MailchimpState,
        };
        var created = Time(Field(export.Column("created_at", "creation_date", "OPTIN_TIME", "CONFIRM_TIME")), problem);
        var confirmed = export.Source == "mailchimp" ? Time(Field(export.Column("CONFIRM_TIME")), problem) ?? created : created;
        return new ImportedSubscriber(email, name, state, created ?? 0, state == SubscriberState.Pending ? null : confirmed, export.Source);
    }

    private static SubscriberState ButtondownState(CsvField type, Action<CsvField, string> problem)
    {
        if (ButtondownTypes.TryGetValue(type.Text.Trim(), out var state)) return state;
        problem(type, $"unknown subscriber type '{Printable(type.Text)}' (expected one of {string.Join(", ", ButtondownTypes.Keys)})");
        return SubscriberState.Pending;
    }

    /// <summary>A time as the exports write it (ISO 8601, or Mailchimp's "2024-01-31 10:00:00", UTC), in Unix ms; null when empty.</summary>
    private static long? Time(CsvField? field, Action<CsvField, string> problem)
    {
        if (field is not { } f || f.Text.Trim().Length == 0) return null;
        if (DateTimeOffset.TryParse(f.Text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at.ToUnixTimeMilliseconds();
        problem(f, $"'{Printable(f.Text)}' is not a date and time");
        return null;
    }

    /// <summary>A value as it may be printed on one line of the report: control characters (a line break) shown as \uXXXX.</summary>
    private static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
