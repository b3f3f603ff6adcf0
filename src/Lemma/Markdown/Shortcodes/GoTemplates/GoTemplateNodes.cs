using System.Collections.Immutable;

namespace Lemma.Markdown.Shortcodes.GoTemplates;

/// <summary>A parsed Go template: the subset of text/template that shortcodes use. Immutable; shared between threads.</summary>
public sealed record GoTemplate(ImmutableArray<GoNode> Nodes);

public abstract record GoNode;
public sealed record TextNode(string Text) : GoNode;
public sealed record OutputNode(Pipeline Pipeline) : GoNode;
public sealed record AssignNode(string Variable, Pipeline Pipeline) : GoNode;
/// <summary>if, with (Dot set to the value), range (Dot set to each element, with optional key and value variables).</summary>
public sealed record BranchNode(string Kind, Pipeline Pipeline, ImmutableArray<GoNode> Then, ImmutableArray<GoNode> Else,
    string? KeyVariable = null, string? ValueVariable = null) : GoNode;

/// <summary>Commands joined by '|': each command's result is the last argument of the next.</summary>
public sealed record Pipeline(ImmutableArray<Command> Commands);
public sealed record Command(ImmutableArray<Operand> Operands);

public abstract record Operand;
/// <summary>.A.B (from dot) or $x.A.B (from a variable; "$" is the template's first dot).</summary>
public sealed record FieldOperand(string? Variable, ImmutableArray<string> Fields) : Operand;
public sealed record LiteralOperand(object? Value) : Operand;
public sealed record FunctionOperand(string Name) : Operand;
public sealed record PipelineOperand(Pipeline Pipeline, ImmutableArray<string> Fields) : Operand;
