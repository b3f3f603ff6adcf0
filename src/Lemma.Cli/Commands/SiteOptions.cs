using System.CommandLine;

namespace Lemma.Cli.Commands;

/// <summary>Options that several commands share.</summary>
public static class SiteOptions
{
    public static Option<DirectoryInfo> Source() => new("--source", "-s")
    {
        Description = "The site's folder (where site.yaml is).",
        DefaultValueFactory = _ => new DirectoryInfo(Directory.GetCurrentDirectory()),
    };

    public static Option<bool> Drafts() => new("--drafts", "-D") { Description = "Include pages marked draft: true." };

    public static Option<bool> Future() => new("--future", "-F") { Description = "Include pages dated in the future." };

    public static Option<bool> Verbose() => new("--verbose", "-v")
    {
        Description = $"Print every warning (past {Report.WarningsInFull}, a count of each kind with its first few is printed).",
    };

    public static Option<string?> BaseUrl() => new("--base-url", "-b") { Description = "Override base_url of site.yaml." };
}
