using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Lemma.Markdown.Shortcodes.GoTemplates;

/// <summary>A construct of Go templates this subset does not read, or a template that does not parse.</summary>
public sealed class GoTemplateException(string message) : Exception(message);

/// <summary>
/// Parses the Go-template subset shortcodes use: text, <c>{{ pipeline }}</c> with <c>{{-</c>/<c>-}}</c> trimming and
/// comments, <c>$x := …</c>, <c>if/else if/else/with/range/end</c>. Throws <see cref="GoTemplateException"/>.
/// </summary>
public static class GoTemplateParser
{
    public static GoTemplate Parse(string text)
    {
        var actions = Split(text);
        var at = 0;
        var nodes = Block(actions, ref at, out var end);
        if (end is not null) throw new GoTemplateException($"'{{{{ {end} }}}}' without an opening if, with or range");
        return new GoTemplate(nodes);
    }

    /// <summary>Text and actions in order, text trimmed where an action asks; an action is marked by a null text.</summary>
    private static List<(string? Text, string? Action)> Split(string text)
    {
        var parts = new List<(string?, string?)>();
        var at = 0;
        var trimNext = false;
        while (at <= text.Length)
        {
            var open = text.IndexOf("{{", at, StringComparison.Ordinal);
            var chunk = open < 0 ? text[at..] : text[at..open];
            if (trimNext) chunk = chunk.TrimStart();
            if (open < 0) { parts.Add((chunk, null)); break; }
            var start = open + 2;
            var trimLeft = start + 1 < text.Length && text[start] == '-' && char.IsWhiteSpace(text[start + 1]);
            if (trimLeft) { chunk = chunk.TrimEnd(); start++; }
            parts.Add((chunk, null));
            var close = FindClose(text, start);
            if (close < 0) throw new GoTemplateException("an action '{{' is not closed");
            var end = close;
            trimNext = end - 1 >= start && text[end - 1] == '-' && end - 2 >= start && char.IsWhiteSpace(text[end - 2]);
            if (trimNext) end--;
            var action = text[start..end].Trim();
            if (!(action.StartsWith("/*", StringComparison.Ordinal) && action.EndsWith("*/", StringComparison.Ordinal))) parts.Add((null, action));
            at = close + 2;
        }
        return parts;
    }

    /// <summary>The "}}" ending an action, past any string in it.</summary>
    private static int FindClose(string text, int at)
    {
        for (var i = at; i < text.Length - 1; i++)
        {
            if (text[i] is '"' or '`')
            {
                var quote = text[i];
                for (i++; i < text.Length && text[i] != quote; i++) if (quote == '"' && text[i] == '\\') i++;
                continue;
            }
            if (text[i] == '}' && text[i + 1] == '}') return i;
        }
        return -1;
    }

    /// <summary>Nodes up to an else or end (returned in <paramref name="end"/>) or the template's end (null).</summary>
    private static ImmutableArray<GoNode> Block(List<(string? Text, string? Action)> parts, ref int at, out string? end)
    {
        var nodes = ImmutableArray.CreateBuilder<GoNode>();
        end = null;
        while (at < parts.Count)
        {
            var (text, action) = parts[at++];
            if (action is null) { if (text is { Length: > 0 }) nodes.Add(new TextNode(text)); continue; }
            var word = action.Split([' ', '\t', '\n', '\r'], 2)[0];
            switch (word)
            {
                case "end":
                case "else":
                    end = action;
                    return nodes.ToImmutable();
                case "if" or "with" or "range":
                    nodes.Add(Branch(word, action[word.Length..].Trim(), parts, ref at));
                    break;
                case "define" or "template" or "block" or "break" or "continue" or "partial" or "partialCached":
                    throw new GoTemplateException($"'{word}' is not read by Lemma's shortcode templates");
                default:
                    nodes.Add(Statement(action));
                    break;
            }
        }
        return nodes.ToImmutable();
    }

    private static GoNode Branch(string kind, string rest, List<(string? Text, string? Action)> parts, ref int at)
    {
        string? key = null, value = null;
        if (kind == "range" && rest.IndexOf(":=", StringComparison.Ordinal) is var assign and > 0)
        {
            var names = rest[..assign].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            (key, value) = names.Length == 2 ? (names[0], names[1]) : (null, names[0]);
            rest = rest[(assign + 2)..].Trim();
        }
        var pipeline = PipelineOf(rest);
        var then = Block(parts, ref at, out var end);
        var otherwise = ImmutableArray<GoNode>.Empty;
        if (end is null) throw new GoTemplateException($"'{kind}' has no end");
        if (end.StartsWith("else", StringComparison.Ordinal))
        {
            var elseRest = end[4..].Trim();
            if (elseRest.StartsWith("if ", StringComparison.Ordinal) || elseRest.StartsWith("with ", StringComparison.Ordinal))
            {
                var elseKind = elseRest.StartsWith("if", StringComparison.Ordinal) ? "if" : "with";
                // "else if" shares the outer if's end.
                otherwise = [Branch(elseKind, elseRest[elseKind.Length..].Trim(), parts, ref at)];
                return new BranchNode(kind, pipeline, then, otherwise, key, value);
            }
            otherwise = Block(parts, ref at, out end);
            if (end != "end") throw new GoTemplateException($"'{kind}' has no end");
        }
        return new BranchNode(kind, pipeline, then, otherwise, key, value);
    }

    private static GoNode Statement(string action)
    {
        var tokens = Tokens(action);
        if (tokens.Count >= 2 && tokens[0].StartsWith('$') && tokens[1] is ":=" or "=")
            return new AssignNode(tokens[0], PipelineOf(tokens.Skip(2).ToList()));
        return new OutputNode(PipelineOf(tokens));
    }

    private static Pipeline PipelineOf(string text) => PipelineOf(Tokens(text));

    private static Pipeline PipelineOf(List<string> tokens)
    {
        var at = 0;
        var pipeline = PipelineAt(tokens, ref at);
        if (at < tokens.Count) throw new GoTemplateException($"unexpected '{tokens[at]}'");
        return pipeline;
    }

    private static Pipeline PipelineAt(List<string> tokens, ref int at)
    {
        var commands = ImmutableArray.CreateBuilder<Command>();
        var operands = ImmutableArray.CreateBuilder<Operand>();
        while (at < tokens.Count && tokens[at] != ")")
        {
            var token = tokens[at++];
            if (token == "|")
            {
                if (operands.Count == 0) throw new GoTemplateException("a '|' with nothing before it");
                commands.Add(new Command(operands.ToImmutable()));
                operands.Clear();
                continue;
            }
            if (token == "(")
            {
                var inner = PipelineAt(tokens, ref at);
                if (at >= tokens.Count || tokens[at] != ")") throw new GoTemplateException("a '(' is not closed");
                at++;
                var fields = ImmutableArray<string>.Empty;
                // (pipeline).Field
                if (at < tokens.Count && tokens[at].StartsWith('.') && tokens[at].Length > 1)
                    fields = [.. tokens[at++].Split('.', StringSplitOptions.RemoveEmptyEntries)];
                operands.Add(new PipelineOperand(inner, fields));
                continue;
            }
            operands.Add(OperandOf(token));
        }
        if (operands.Count > 0) commands.Add(new Command(operands.ToImmutable()));
        if (commands.Count == 0) throw new GoTemplateException("an empty action");
        return new Pipeline(commands.ToImmutable());
    }

    private static Operand OperandOf(string token)
    {
        if (token[0] is '"' or '`') return new LiteralOperand(token[1..]);
        if (token == ".") return new FieldOperand(null, []);
        if (token[0] == '.') return new FieldOperand(null, [.. token.Split('.', StringSplitOptions.RemoveEmptyEntries)]);
        if (token[0] == '$')
        {
            var dot = token.IndexOf('.');
            return dot < 0 ? new FieldOperand(token, []) : new FieldOperand(token[..dot], [.. token[(dot + 1)..].Split('.', StringSplitOptions.RemoveEmptyEntries)]);
        }
        if (token is "true" or "false") return new LiteralOperand(token == "true");
        if (token == "nil") return new LiteralOperand(null);
        if (long.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return new LiteralOperand(n);
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return new LiteralOperand(d);
        return new FunctionOperand(token);
    }

    /// <summary>The words of an action; a string token keeps its opening quote and loses its escapes.</summary>
    private static List<string> Tokens(string action)
    {
        var tokens = new List<string>();
        for (var i = 0; i < action.Length;)
        {
            var c = action[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c is '(' or ')' or '|' or ',') { tokens.Add(c.ToString()); i++; continue; }
            if (c == ':' && i + 1 < action.Length && action[i + 1] == '=') { tokens.Add(":="); i += 2; continue; }
            if (c == '=') { tokens.Add("="); i++; continue; }
            if (c is '"' or '`')
            {
                var text = new StringBuilder().Append(c);
                for (i++; i < action.Length && action[i] != c; i++)
                {
                    if (c == '"' && action[i] == '\\' && i + 1 < action.Length)
                    {
                        i++;
                        text.Append(action[i] switch { 'n' => '\n', 't' => '\t', var x => x });
                    }
                    else text.Append(action[i]);
                }
                if (i >= action.Length) throw new GoTemplateException("a string is not closed");
                i++;
                tokens.Add(text.ToString());
                continue;
            }
            var start = i;
            while (i < action.Length && !char.IsWhiteSpace(action[i]) && action[i] is not ('(' or ')' or '|' or ',' or '"' or '`')
                   && !(action[i] == ':' && i + 1 < action.Length && action[i + 1] == '=') && action[i] != '=')
                i++;
            // (pipeline).Field: the field right after ')' is its own token.
            tokens.Add(action[start..i]);
        }
        return tokens;
    }
}
