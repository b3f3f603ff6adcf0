using Lemma.Model;
using Lemma.Newsletter;

namespace Lemma.Tests.Newsletter;

/// <summary>A site of a few files in a temporary folder, and the email of one of its posts.</summary>
public sealed class EmailSite : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("lemma-email-").FullName;

    public EmailSite(string siteYaml = "title: Loss Landscapes\nbase_url: https://example.org/blog/\n") => Write("site.yaml", siteYaml);

    public EmailSite Write(string path, string text)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return this;
    }

    public EmailResult Ask(string post) =>
        NewsletterQueries.Make(new BuildOptions { Source = Root, Output = Path.Combine(Root, "public"), Emit = false, Drafts = true }, post);

    /// <summary>The email of the post, which must have one.</summary>
    public PostEmail Email(string post) => Ask(post).Email ?? throw new Xunit.Sdk.XunitException(string.Join("\n", Ask(post).Diagnostics));

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
