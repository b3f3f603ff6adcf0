using Lemma.Build;
using Lemma.Model;
using Lemma.Newsletter;

namespace Lemma.Tests.Newsletter;

/// <summary>A post's email is a query of the build's store: asked again after a rebuild, it is made again only when
/// its post changed.</summary>
public sealed class EmailQueryTests : IDisposable
{
    private readonly EmailSite site = new EmailSite()
        .Write("content/posts/a.md", "---\ntitle: A\ndate: 2025-01-01\n---\n\nFirst version.\n")
        .Write("content/posts/b.md", "---\ntitle: B\ndate: 2025-01-02\n---\n\nAnother post.\n");

    public void Dispose() => site.Dispose();

    [Fact]
    public void An_edit_of_another_post_leaves_the_email_as_it_was_and_an_edit_of_its_own_post_makes_it_again()
    {
        var options = new BuildOptions { Source = site.Root, Output = Path.Combine(site.Root, "public"), Emit = false };
        var store = new BuildStore();
        SiteBuilder.Run(options, store: store);
        var first = store.Memo.Get(NewsletterQueries.Email, "content/posts/a.md").Email!;
        Assert.Contains("First version.", first.Text);
        var made = store.Memo.Counts.Computed(NewsletterQueries.Email.Name);

        site.Write("content/posts/b.md", "---\ntitle: B\ndate: 2025-01-02\n---\n\nAnother post, edited.\n");
        store.Changed(["content/posts/b.md"]);
        SiteBuilder.Run(options, store: store);
        Assert.Same(first, store.Memo.Get(NewsletterQueries.Email, "content/posts/a.md").Email);
        Assert.Equal(made, store.Memo.Counts.Computed(NewsletterQueries.Email.Name));

        site.Write("content/posts/a.md", "---\ntitle: A\ndate: 2025-01-01\n---\n\nSecond version.\n");
        store.Changed(["content/posts/a.md"]);
        SiteBuilder.Run(options, store: store);
        Assert.Contains("Second version.", store.Memo.Get(NewsletterQueries.Email, "content/posts/a.md").Email!.Text);
        Assert.Equal(made + 1, store.Memo.Counts.Computed(NewsletterQueries.Email.Name));
    }
}
