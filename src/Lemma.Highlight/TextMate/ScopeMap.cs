namespace Lemma.Highlight.TextMate;

/// <summary>
/// Maps a TextMate token's scopes (outermost first) to a <see cref="TokenKind"/>: the innermost scope that decides wins;
/// <c>meta.*</c>, <c>source.*</c> and the delimiters of strings and comments defer to the scopes around them.
/// </summary>
public static class ScopeMap
{
    public static TokenKind Map(IReadOnlyList<string> scopes, ReadOnlySpan<char> text)
    {
        // A comment or a regular expression is one colour throughout, whatever its inner scopes say.
        for (var i = 0; i < scopes.Count; i++)
        {
            var s = scopes[i];
            if (s.StartsWith("comment", StringComparison.Ordinal)) return TokenKind.Comment;
            if (s.StartsWith("string.regexp", StringComparison.Ordinal)) return TokenKind.Regex;
        }
        var fallback = TokenKind.Text;
        for (var i = scopes.Count - 1; i >= 0; i--)
        {
            var (kind, decided) = MapOne(scopes[i], text);
            if (decided) return kind;
            if (fallback == TokenKind.Text) fallback = kind;
        }
        return fallback;
    }

    /// <summary>One scope: (kind, true) decides; (kind, false) is a fallback used only if nothing outside decides.</summary>
    internal static (TokenKind Kind, bool Decided) MapOne(string s, ReadOnlySpan<char> text)
    {
        static bool P(string s, string prefix) => s.StartsWith(prefix, StringComparison.Ordinal);
        var none = (TokenKind.Text, false);

        switch (s[0])
        {
            case 'c':
                if (P(s, "comment")) return (TokenKind.Comment, true);
                if (P(s, "constant.character.escape") || P(s, "constant.character.format") || P(s, "constant.other.placeholder"))
                    return (TokenKind.Escape, true);
                if (P(s, "constant.numeric")) return (TokenKind.Number, true);
                if (P(s, "constant.other.color")) return (TokenKind.Number, true);
                if (P(s, "constant.other.symbol") || P(s, "constant.other.key")) return (TokenKind.Property, true);
                if (P(s, "constant.")) return (TokenKind.Constant, true);
                return none;
            case 's':
                if (P(s, "string.regexp")) return (TokenKind.Regex, true);
                if (P(s, "string.unquoted.argument")) return none;
                if (P(s, "string.")) return (TokenKind.String, true);
                if (P(s, "storage.type.string") || P(s, "storage.type.format")) return (s[13] == 's' ? TokenKind.String : TokenKind.Escape, true);
                if (P(s, "storage.type.number") || P(s, "storage.type.imaginary")) return (TokenKind.Number, true);
                if (P(s, "storage.type.function") || P(s, "storage.type.class") || P(s, "storage.type.struct")
                    || P(s, "storage.type.enum") || P(s, "storage.type.union") || P(s, "storage.type.namespace")
                    || P(s, "storage.type.interface") || P(s, "storage.type.trait") || P(s, "storage.type.impl")
                    || P(s, "storage.type.type") || P(s, "storage.type.lambda") || P(s, "storage.type.modifier")
                    || P(s, "storage.type.template") || P(s, "storage.type.typedef") || P(s, "storage.type.module")
                    || P(s, "storage.type.rust") || P(s, "storage.type.js") || P(s, "storage.type.ts")
                    || P(s, "storage.type.cs") || P(s, "storage.type.go") || P(s, "storage.type.var")
                    || P(s, "storage.type.let") || P(s, "storage.type.const") || P(s, "storage.type.extern"))
                    return (TokenKind.Keyword, true);
                if (P(s, "storage.type.annotation")) return (TokenKind.Decorator, true);
                if (P(s, "storage.type")) return (TokenKind.Type, true);
                if (P(s, "storage.")) return (TokenKind.Keyword, true);
                if (P(s, "support.function.builtin") || P(s, "support.function.magic")) return (TokenKind.Builtin, true);
                if (P(s, "support.function")) return (TokenKind.Function, true);
                if (P(s, "support.type.property-name")) return (TokenKind.Property, true);
                if (P(s, "support.type") || P(s, "support.class")) return (TokenKind.Type, true);
                if (P(s, "support.constant")) return (TokenKind.Constant, true);
                if (P(s, "support.variable")) return (TokenKind.Builtin, true);
                if (P(s, "support.")) return (TokenKind.Builtin, true);
                return none;
            case 'k':
                if (P(s, "keyword.operator"))
                    return (text.Length > 0 && char.IsLetter(text[0]) ? TokenKind.Keyword : TokenKind.Operator, true);
                if (P(s, "keyword.other.unit")) return (TokenKind.Number, true);
                if (P(s, "keyword.")) return (TokenKind.Keyword, true);
                return none;
            case 'e':
                if (P(s, "entity.name.function.decorator")) return (TokenKind.Decorator, true);
                if (P(s, "entity.name.function")) return (TokenKind.Function, true);
                if (P(s, "entity.name.tag.yaml")) return (TokenKind.Property, true);
                if (P(s, "entity.name.tag")) return (TokenKind.Tag, true);
                if (P(s, "entity.name.section")) return (TokenKind.Keyword, true);
                if (P(s, "entity.name.label") || P(s, "entity.name.variable") || P(s, "entity.name.lifetime")) return (TokenKind.Variable, true);
                if (P(s, "entity.name.operator")) return (TokenKind.Operator, true);
                if (P(s, "entity.name")) return (TokenKind.Type, true);
                if (P(s, "entity.other.attribute-name")) return (TokenKind.Attribute, true);
                if (P(s, "entity.other.inherited-class")) return (TokenKind.Type, true);
                if (P(s, "entity.other.document")) return (TokenKind.Punctuation, true);
                return none;
            case 'v':
                if (P(s, "variable.language")) return (TokenKind.Builtin, true);
                if (P(s, "variable.other.constant") || P(s, "variable.other.enummember")) return (TokenKind.Constant, true);
                if (P(s, "variable.other.property") || P(s, "variable.other.object.property") || P(s, "variable.other.member"))
                    return (TokenKind.Property, true);
                if (P(s, "variable.")) return (TokenKind.Variable, true);
                return none;
            case 'm':
                if (P(s, "markup.inserted")) return (TokenKind.Inserted, true);
                if (P(s, "markup.deleted")) return (TokenKind.Deleted, true);
                if (P(s, "markup.heading")) return (TokenKind.Keyword, true);
                if (P(s, "markup.inline.raw") || P(s, "markup.raw") || P(s, "markup.fenced_code")) return (TokenKind.String, true);
                if (P(s, "markup.underline.link")) return (TokenKind.String, true);
                if (P(s, "markup.quote")) return (TokenKind.Comment, true);
                if (P(s, "meta.decorator")) return (TokenKind.Decorator, true);
                if (P(s, "meta.function-call.generic")) return (TokenKind.Function, true);
                if (P(s, "meta.diff.header") || P(s, "meta.diff.range") || P(s, "meta.diff.index") || P(s, "meta.diff.only-in"))
                    return (TokenKind.Keyword, true);
                if (P(s, "meta.object-literal.key")) return (TokenKind.Property, true);
                if (P(s, "meta.preprocessor")) return none;
                return none;
            case 'p':
                if (P(s, "punctuation.definition.string") || P(s, "punctuation.definition.comment")
                    || P(s, "punctuation.definition.decorator") || P(s, "punctuation.section.embedded")
                    || P(s, "punctuation.definition.template-expression") || P(s, "punctuation.definition.heading")
                    || P(s, "punctuation.definition.inserted") || P(s, "punctuation.definition.deleted")
                    || P(s, "punctuation.definition.raw") || P(s, "punctuation.definition.tag")
                    || P(s, "punctuation.definition.variable") || P(s, "punctuation.definition.evaluation")
                    || P(s, "punctuation.definition.quote") || P(s, "punctuation.definition.markdown")
                    || P(s, "punctuation.definition.range") || P(s, "punctuation.definition.from-file")
                    || P(s, "punctuation.definition.to-file") || P(s, "punctuation.definition.character-class")
                    || P(s, "punctuation.definition.group") || P(s, "punctuation.definition.keyword")
                    || P(s, "punctuation.definition.constant") || P(s, "punctuation.definition.lifetime")
                    || P(s, "punctuation.definition.annotation") || P(s, "punctuation.definition.directive")
                    || P(s, "punctuation.definition.entity") || P(s, "punctuation.definition.attribute")
                    || P(s, "punctuation.definition.macro") || P(s, "punctuation.definition.subshell")
                    || P(s, "punctuation.definition.anchor") || P(s, "punctuation.definition.alias")
                    || P(s, "punctuation.definition.block.sequence") || P(s, "punctuation.definition.item")
                    || P(s, "punctuation.definition.list") || P(s, "punctuation.definition.bold")
                    || P(s, "punctuation.definition.italic") || P(s, "punctuation.definition.link")
                    || P(s, "punctuation.definition.metadata") || P(s, "punctuation.separator.continuation")
                    || P(s, "punctuation.definition.interpolation") || P(s, "punctuation.support.type.property-name") || P(s, "punctuation.separator.constant.numeric") || P(s, "punctuation.separator.dot.decimal")
                    || P(s, "punctuation.separator.decimal") || P(s, "punctuation.definition.placeholder"))
                    return (TokenKind.Punctuation, false);
                if (P(s, "punctuation.")) return (TokenKind.Punctuation, true);
                return none;
            case 'i':
                return none; // invalid.*: show what it is inside
            default:
                return none;
        }
    }
}
