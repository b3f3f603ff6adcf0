using System.Text.RegularExpressions;
using Lemma.Configuration;

namespace Lemma.Server.Comments;

/// <summary>site.yaml's blocklists: a comment that names a blocked word, or links or writes from a blocked domain, is
/// stored as spam (the reader is told it awaits approval, so a spammer learns nothing).</summary>
public sealed partial class SpamCheck(CommentSettings settings)
{
    private readonly Regex? words = settings.BlockedWords.IsEmpty ? null
        : new Regex(@"(?<!\w)(" + string.Join('|', settings.BlockedWords.Select(Regex.Escape)) + @")(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public bool IsSpam(CommentForm form)
    {
        if (words is not null && words.IsMatch(string.Join('\n', form.Name, form.Email, form.Website, form.Body))) return true;
        if (settings.BlockedDomains.IsEmpty) return false;
        var hosts = Hosts().Matches(form.Body + "\n" + form.Website).Select(m => m.Groups[1].Value)
            .Append(form.Email[(form.Email.LastIndexOf('@') + 1)..]);
        return hosts.Any(host => settings.BlockedDomains.Any(domain =>
            host.Equals(domain, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + domain.TrimStart('.'), StringComparison.OrdinalIgnoreCase)));
    }

    [GeneratedRegex(@"(?:https?://(?:[^@/\s]*@)?|www\.)([a-z0-9.-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Hosts();
}
