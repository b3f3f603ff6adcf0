using System.Collections;
using System.Collections.Immutable;
using System.Net;
using System.Text;

namespace Lemma.Markdown.Shortcodes.GoTemplates;

/// <summary>HTML a template writes as it is (Go's template.HTML): safeHTML, markdownify, .Inner.</summary>
public sealed record SafeHtml(string Value)
{
    public override string ToString() => Value;
}

/// <summary>An object templates read fields and call methods on (.Get 0, .Page.Title).</summary>
public interface IGoObject
{
    /// <summary>The field or method <paramref name="name"/> with its arguments; throws <see cref="GoTemplateException"/> when there is none.</summary>
    object? Member(string name, IReadOnlyList<object?> arguments);
}

/// <summary>
/// Runs a <see cref="GoTemplate"/> on a dot: writes text, and each action's value HTML-escaped unless it is <see cref="SafeHtml"/>
/// (as html/template does outside attributes and scripts). One per run; throws <see cref="GoTemplateException"/>.
/// </summary>
public sealed class GoTemplateRunner(GoFunctions functions)
{
    private const int MaxSteps = 100_000;
    private readonly List<(string Name, object? Value)> variables = [];
    private int steps;

    public string Run(GoTemplate template, object? dot)
    {
        var output = new StringBuilder();
        variables.Add(("$", dot));
        Write(template.Nodes, dot, output);
        return output.ToString();
    }

    private void Write(ImmutableArray<GoNode> nodes, object? dot, StringBuilder output)
    {
        var scope = variables.Count;
        foreach (var node in nodes)
        {
            if (++steps > MaxSteps) throw new GoTemplateException("the template runs too long");
            switch (node)
            {
                case TextNode text: output.Append(text.Text); break;
                case OutputNode action:
                    var value = Evaluate(action.Pipeline, dot);
                    output.Append(value is SafeHtml html ? html.Value : WebUtility.HtmlEncode(GoFunctions.Text(value)));
                    break;
                case AssignNode assign:
                    var assigned = Evaluate(assign.Pipeline, dot);
                    var at = variables.FindLastIndex(v => v.Name == assign.Variable);
                    if (at >= 0) variables[at] = (assign.Variable, assigned);
                    else variables.Add((assign.Variable, assigned));
                    break;
                case BranchNode branch: Branch(branch, dot, output); break;
            }
        }
        variables.RemoveRange(scope, variables.Count - scope);
    }

    private void Branch(BranchNode branch, object? dot, StringBuilder output)
    {
        var value = Evaluate(branch.Pipeline, dot);
        switch (branch.Kind)
        {
            case "if": Write(GoFunctions.Truth(value) ? branch.Then : branch.Else, dot, output); break;
            case "with": if (GoFunctions.Truth(value)) Write(branch.Then, value, output); else Write(branch.Else, dot, output); break;
            default:
                var any = false;
                foreach (var (key, element) in Elements(value))
                {
                    any = true;
                    if (++steps > MaxSteps) throw new GoTemplateException("the template runs too long");
                    var scope = variables.Count;
                    if (branch.KeyVariable is { } k) variables.Add((k, key));
                    if (branch.ValueVariable is { } v) variables.Add((v, element));
                    Write(branch.Then, element, output);
                    variables.RemoveRange(scope, variables.Count - scope);
                }
                if (!any) Write(branch.Else, dot, output);
                break;
        }
    }

    private static IEnumerable<(object? Key, object? Value)> Elements(object? value)
    {
        switch (value)
        {
            case null: yield break;
            case string: throw new GoTemplateException("range over a string");
            case long n: for (long i = 0; i < n; i++) yield return (i, i); break;
            case IReadOnlyDictionary<string, object?> map:
                foreach (var key in map.Keys.Order(StringComparer.Ordinal)) yield return (key, map[key]);
                break;
            case IEnumerable list:
                long index = 0;
                foreach (var item in list) yield return (index++, item);
                break;
            default: throw new GoTemplateException($"range over a {GoFunctions.Kind(value)}");
        }
    }

    private object? Evaluate(Pipeline pipeline, object? dot)
    {
        object? last = null;
        var piped = false;
        foreach (var command in pipeline.Commands)
        {
            last = Evaluate(command, dot, piped, last);
            piped = true;
        }
        return last;
    }

    private object? Evaluate(Command command, object? dot, bool piped, object? input)
    {
        var head = command.Operands[0];
        var arguments = command.Operands.Skip(1).Select(o => Value(o, dot)).ToList();
        if (piped) arguments.Add(input);
        switch (head)
        {
            case FunctionOperand function: return functions.Call(function.Name, arguments);
            case FieldOperand { Fields.Length: > 0 } field when arguments.Count > 0:
                // .Get 0: the last field is a method called with the arguments.
                var target = Walk(Start(field.Variable, dot), field.Fields[..^1]);
                return Member(target, field.Fields[^1], arguments);
            default:
                if (arguments.Count > 0) throw new GoTemplateException("a value cannot take arguments");
                return Value(head, dot);
        }
    }

    private object? Value(Operand operand, object? dot) => operand switch
    {
        LiteralOperand literal => literal.Value,
        FieldOperand field => Walk(Start(field.Variable, dot), field.Fields),
        PipelineOperand sub => Walk(Evaluate(sub.Pipeline, dot), sub.Fields),
        FunctionOperand function => functions.Call(function.Name, []),
        _ => null,
    };

    private object? Start(string? variable, object? dot)
    {
        if (variable is null) return dot;
        var at = variables.FindLastIndex(v => v.Name == variable);
        return at >= 0 ? variables[at].Value : throw new GoTemplateException($"undefined variable {variable}");
    }

    private static object? Walk(object? value, IEnumerable<string> fields)
    {
        foreach (var field in fields) value = Member(value, field, []);
        return value;
    }

    private static object? Member(object? target, string name, IReadOnlyList<object?> arguments) => target switch
    {
        null => null,
        IGoObject obj => obj.Member(name, arguments),
        IReadOnlyDictionary<string, object?> map when arguments.Count == 0 => ShortcodeValues.Get(map, name),
        _ => throw new GoTemplateException($"a {GoFunctions.Kind(target)} has no field {name}"),
    };
}
