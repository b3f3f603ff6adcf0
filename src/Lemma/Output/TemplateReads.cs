using Fluid;
using Lemma.Output.Views;

namespace Lemma.Output;

/// <summary>
/// What one page's templates read beyond its own inputs, recorded while it renders. A rebuild reuses the page when
/// those inputs are unchanged: a list that never read its items' bodies ignores a body edit, and a page that never
/// read <c>site.sections</c> ignores the other sections' lists.
/// </summary>
public sealed class TemplateReads(PageView main)
{
    private const string Key = "lemma.reads";

    public PageView Main { get; } = main;
    /// <summary>A body member (<see cref="ViewEquality.BodyMembers"/>) of a page view other than <see cref="Main"/>.</summary>
    public bool ItemBodies { get; private set; }
    public bool SiteSections { get; private set; }
    public bool SiteTaxonomies { get; private set; }
    public bool BuildDate { get; private set; }

    public void Attach(TemplateContext context) => context.AmbientValues[Key] = this;

    /// <summary>Makes the members that add dependencies report their reads to the rendering page's tracker.</summary>
    public static void Register(MemberAccessStrategy access)
    {
        foreach (var body in ViewEquality.BodyMembers)
        {
            var property = typeof(PageView).GetProperty(body)!;
            access.Register<PageView>(MemberNameStrategies.SnakeCase(property), new Tracked((obj, reads) =>
            {
                if (!ReferenceEquals(obj, reads.Main)) reads.ItemBodies = true;
            }, property.GetValue));
        }
        access.Register<SiteView>("sections", new Tracked((_, r) => r.SiteSections = true, s => ((SiteView)s).Sections));
        access.Register<SiteView>("taxonomies", new Tracked((_, r) => r.SiteTaxonomies = true, s => ((SiteView)s).Taxonomies));
        access.Register<SiteView>("build_date", new Tracked((_, r) => r.BuildDate = true, s => ((SiteView)s).BuildDate));
    }

    private sealed class Tracked(Action<object, TemplateReads> mark, Func<object, object?> get) : IMemberAccessor
    {
        public object Get(object obj, string name, TemplateContext ctx)
        {
            if (ctx.AmbientValues.TryGetValue(Key, out var value) && value is TemplateReads reads) mark(obj, reads);
            return get(obj)!;
        }
    }
}
