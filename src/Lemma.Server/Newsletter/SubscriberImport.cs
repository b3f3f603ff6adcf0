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
        var problems = new List<Diagnostic>();
        var rows = CsvRows.Read(text).ToList();
        if (rows.Count == 0) return new ImportFile([], [Diagnostic.Error(new SourceSpan(path, 1, 1), "the file is empty: expected an export of Substack, Buttondown or Mailchimp")]);
        var header = rows[0].Select((f, i) => (Name: f.Text.Trim(), Index: i)).GroupBy(h => h.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Index, StringComparer.OrdinalIgnoreCase);
        int? Column(params string[] names) => names.Select(n => header.TryGetValue(n, out var i) ? i : (int?)null).FirstOrDefault(i => i is not null);
        var (source, email) = Column("Email Address") is { } mc ? ("mailchimp", mc)
            : Column("active_subscription", "email_disabled") is not null && Column("email") is { } ss ? ("substack", ss)
            : Column("subscriber_type", "type") is not null && Column("email", "email_address") is { } bd ? ("buttondown", bd)
            : ("", -1);
        if (email < 0)
            return new ImportFile([], [Diagnostic.Error(new SourceSpan(path, 1, 1),
                "not an export this reads: expected Substack's (email, active_subscription, …), Buttondown's (email, subscriber_type, …) or Mailchimp's (\"Email Address\", …) header row")]);

        var mailchimpState = Column("CLEAN_TIME") is not null ? SubscriberState.Bounced : Column("UNSUB_TIME") is not null ? SubscriberState.Unsubscribed : SubscriberState.Confirmed;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var found = new List<ImportedSubscriber>();
        foreach (var row in rows.Skip(1))
        {
            CsvField? Field(int? index) => index is { } i && i < row.Length ? row[i] : null;
            string Text(int? index) => Field(index)?.Text.Trim() ?? "";
            var at = row[0];
            if (Field(email) is not { } address) { problems.Add(Diagnostic.Error(new SourceSpan(path, at.Line, at.Column), "this row has no email column")); continue; }
            var normal = address.Text.Trim().ToLowerInvariant();
            var wrong = false;
            void Problem(CsvField where, string message)
            {
                problems.Add(Diagnostic.Error(new SourceSpan(path, where.Line, where.Column), message));
                wrong = true;
            }
            // One plain address, nothing a mail header could take as a second one or a line break (CommentForm.IsEmail).
            if (!CommentForm.IsEmail(normal)) Problem(address, $"'{Printable(address.Text)}' is not one email address");
            else if (seen.TryGetValue(normal, out var first)) Problem(address, $"{normal} is here twice (first on line {first})");
            else seen[normal] = address.Line;

            var name = source switch
            {
                "mailchimp" => $"{Text(Column("First Name"))} {Text(Column("Last Name"))}".Trim(),
                _ => Text(Column("name", "full_name")),
            };
            if (name.Any(char.IsControl) || name.Length > CommentForm.MaxName)
                Problem(Field(Column("First Name", "name", "full_name")) ?? at, $"the name must be one line of at most {CommentForm.MaxName} characters");

            SubscriberState state;
            switch (source)
            {
                case "substack":
                    state = Text(Column("email_disabled")).Equals("true", StringComparison.OrdinalIgnoreCase) ? SubscriberState.Unsubscribed : SubscriberState.Confirmed;
                    break;
                case "buttondown":
                    var type = Field(Column("subscriber_type", "type"));
                    if (type is null || !ButtondownTypes.TryGetValue(type.Value.Text.Trim(), out state))
                    {
                        Problem(type ?? at, $"unknown subscriber type '{Printable(type?.Text ?? "")}' (expected one of {string.Join(", ", ButtondownTypes.Keys)})");
                        state = SubscriberState.Pending;
                    }
                    break;
                default:
                    state = mailchimpState;
                    break;
            }
            var created = Time(Field(Column("created_at", "creation_date", "OPTIN_TIME", "CONFIRM_TIME")), Problem);
            var confirmed = source == "mailchimp" ? Time(Field(Column("CONFIRM_TIME")), Problem) ?? created : created;
            if (wrong) continue;
            found.Add(new ImportedSubscriber(normal, name, state, created ?? 0, state == SubscriberState.Pending ? null : confirmed, source));
        }
        return new ImportFile(found, problems);
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
