using System.Collections.Immutable;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Ast;
using Fluid.Parser;
using Fluid.Values;

namespace Lemma.Templates;

/// <summary>
/// One call of a partial, <c>{% render 'partials/post-item', item: p, show_summary: false %}</c>, named by what it
/// depends on: the partial and its arguments. A page's view stands as its key (<see cref="ViewArgument"/>), any other
/// argument as its plain value. Two calls with equal names write the same HTML, so a build renders each once: the
/// archive and every list that shows a post share its card.
/// </summary>
public sealed record Fragment(string Template, ImmutableArray<(string Name, object? Value)> Arguments)
{
    public bool Equals(Fragment? other) =>
        other is not null && Template == other.Template && Arguments.AsSpan().SequenceEqual(other.Arguments.AsSpan());

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Template);
        foreach (var (name, value) in Arguments) { hash.Add(name); hash.Add(value); }
        return hash.ToHashCode();
    }
}

/// <summary>A view argument of a <see cref="Fragment"/>: the key it is read by and the decorations a list put on it.</summary>
public sealed record ViewArgument(string Key, string? RecentKind, string? RecentDate);

/// <summary>A string argument of a <see cref="Fragment"/>, with whether Liquid encodes it when it is written.</summary>
public sealed record StringArgument(string Value, bool Encode);

/// <summary>Where a page's render finds fragments while a build runs (the store); without one, partials render in place.</summary>
public interface IFragmentSource
{
    /// <summary>A partial call as the page's own arguments name it, or null when they cannot name it (then it renders in place).</summary>
    Fragment? Name(string template, IReadOnlyList<(string Name, FluidValue Value)> arguments);

    string Get(Fragment fragment);
}

/// <summary>
/// A <c>render</c> whose partial reads nothing but its arguments and <c>site</c> (its outside names unset where it is called): while a build runs it writes the
/// fragment the store holds for its arguments, else it renders as Liquid would.
/// </summary>
internal sealed class FragmentStatement(RenderStatement render, string template, string[] outside) : Statement
{
    public const string SourceKey = "lemma.fragments";

    public override async ValueTask<Completion> WriteToAsync(TextWriter writer, TextEncoder encoder, TemplateContext context)
    {
        if (!context.AmbientValues.TryGetValue(SourceKey, out var found) || found is not IFragmentSource source || outside.Any(Set))
            return await render.WriteToAsync(writer, encoder, context);
        var arguments = new (string, FluidValue)[render.AssignStatements.Count];
        for (var i = 0; i < arguments.Length; i++)
            arguments[i] = (render.AssignStatements[i].Identifier, await render.AssignStatements[i].Value.EvaluateAsync(context));
        if (source.Name(template, arguments) is not { } fragment) return await render.WriteToAsync(writer, encoder, context);
        writer.Write(source.Get(fragment));
        return Completion.Normal;

        bool Set(string name) => !context.GetValue(name).IsNil();
    }
}

/// <summary>
/// Which partials may be fragments: those with no tag that keeps state between calls (cycle, increment, ifchanged), no
/// include (it sees the caller's variables) and no custom tag, whose own renders may be fragments too. Such a partial
/// reads its arguments, <c>site</c>, the variables it binds itself (assign, capture, a loop's), and maybe others: those
/// "outside" names must be unset where it is called, as they are where its fragment is rendered.
/// </summary>
internal sealed class FragmentRules(IReadOnlyDictionary<string, IFluidTemplate> templates)
{
    private readonly Dictionary<(string, string), string[]?> known = [];

    /// <summary>The outside names of <paramref name="template"/> called with these arguments, or null when it may not be a fragment.</summary>
    public string[]? Outside(string template, IEnumerable<string> argumentNames)
    {
        var names = argumentNames.Order(StringComparer.Ordinal).ToArray();
        var key = (template, string.Join(',', names));
        if (known.TryGetValue(key, out var outside)) return outside;
        known[key] = null; // a partial that renders itself is no fragment
        if (!templates.TryGetValue(template, out var parsed)) return null;
        var reads = new Reads();
        reads.VisitTemplate(parsed);
        if (reads.Stateful) return null;
        var all = reads.Names.Where(n => n != "site" && !names.Contains(n) && !reads.Bound.Contains(n)).ToHashSet(StringComparer.Ordinal);
        foreach (var (path, arguments, plain) in reads.Renders)
        {
            if (!plain || Outside(FileName(path), arguments) is not { } inner) return null;
            all.UnionWith(inner);
        }
        return known[key] = [.. all.Order(StringComparer.Ordinal)];
    }

    public static string FileName(string path) => path.EndsWith(".liquid", StringComparison.Ordinal) ? path : path + ".liquid";

    private sealed class Reads : AstVisitor
    {
        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Bound { get; } = new(StringComparer.Ordinal);
        public List<(string Path, string[] Arguments, bool Plain)> Renders { get; } = [];
        public bool Stateful { get; private set; }

        protected override Expression VisitMemberExpression(MemberExpression member)
        {
            if (member.Segments.Count > 0 && member.Segments[0] is IdentifierSegment root) Names.Add(root.Identifier);
            return base.VisitMemberExpression(member);
        }

        protected override Statement VisitAssignStatement(AssignStatement assign) { Bound.Add(assign.Identifier); return base.VisitAssignStatement(assign); }
        protected override Statement VisitCaptureStatement(CaptureStatement capture) { Bound.Add(capture.Identifier); return base.VisitCaptureStatement(capture); }

        protected override Statement VisitForStatement(ForStatement loop)
        {
            Bound.Add(loop.Identifier);
            Bound.Add("forloop");
            return base.VisitForStatement(loop);
        }

        protected override Statement VisitTableRowStatement(TableRowStatement loop)
        {
            Bound.Add(loop.Identifier);
            Bound.Add("tablerowloop");
            return base.VisitTableRowStatement(loop);
        }

        protected override Statement VisitRenderStatement(RenderStatement render)
        {
            Renders.Add((render.Path, [.. render.AssignStatements.Select(a => a.Identifier)], render.With is null && render.For is null));
            foreach (var assign in render.AssignStatements) Visit(assign.Value);
            return render;
        }

        private Statement Refuse(Statement statement) { Stateful = true; return statement; }
        protected override Statement VisitIncludeStatement(IncludeStatement include) => Refuse(include);
        protected override Statement VisitCycleStatement(CycleStatement cycle) => Refuse(cycle);
        protected override Statement VisitIncrementStatement(IncrementStatement increment) => Refuse(increment);
        protected override Statement VisitDecrementStatement(DecrementStatement decrement) => Refuse(decrement);
        protected override Statement VisitIfChangedStatement(IfChangedStatement ifChanged) => Refuse(ifChanged);
        protected override Statement VisitMacroStatement(MacroStatement macro) => Refuse(macro);
        protected override Statement VisitFromStatement(FromStatement from) => Refuse(from);
        protected override Statement VisitEmptyTagStatement(EmptyTagStatement tag) => Refuse(tag);
        protected override Statement VisitEmptyBlockStatement(EmptyBlockStatement block) => Refuse(block);
        protected override Statement VisitParserTagStatement<T>(ParserTagStatement<T> tag) => Refuse(tag);
        protected override Statement VisitParserBlockStatement<T>(ParserBlockStatement<T> block) => Refuse(block);
        protected override Statement VisitCallbackStatement(CallbackStatement callback) => Refuse(callback);
        public override Statement VisitOtherStatement(Statement statement) => Refuse(statement);
    }
}

/// <summary>Puts a <see cref="FragmentStatement"/> in place of each <c>render</c> the rules allow.</summary>
internal sealed class FragmentRewriter(FragmentRules rules) : AstRewriter
{
    protected override Statement VisitRenderStatement(RenderStatement render)
    {
        var template = FragmentRules.FileName(render.Path);
        return render.With is null && render.For is null && rules.Outside(template, render.AssignStatements.Select(a => a.Identifier)) is { } outside
            ? new FragmentStatement(render, template, outside)
            : render;
    }
}
