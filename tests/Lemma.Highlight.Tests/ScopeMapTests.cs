using Lemma.Highlight.TextMate;

namespace Lemma.Highlight.Tests;

/// <summary>How TextMate scope stacks (outermost first, space-separated here) map to token kinds.</summary>
public class ScopeMapTests
{
    [Theory]
    [InlineData("source.python comment.line.number-sign.python punctuation.definition.comment.python", "#", TokenKind.Comment)]
    [InlineData("source.python string.quoted.single.python punctuation.definition.string.begin.python", "\"", TokenKind.String)]
    [InlineData("source.python string.quoted.single.python constant.character.escape.python", "\\n", TokenKind.Escape)]
    [InlineData("source.python string.regexp.quoted.single.python keyword.operator.quantifier.regexp", "+", TokenKind.Regex)]
    [InlineData("source.python constant.numeric.dec.python", "1", TokenKind.Number)]
    [InlineData("source.python constant.numeric.hex.python storage.type.number.python", "0x", TokenKind.Number)]
    [InlineData("source.python keyword.operator.assignment.python", "=", TokenKind.Operator)]
    [InlineData("source.python keyword.operator.logical.python", "and", TokenKind.Keyword)]
    [InlineData("source.python keyword.control.flow.python", "return", TokenKind.Keyword)]
    [InlineData("source.python meta.function.python storage.type.function.python", "def", TokenKind.Keyword)]
    [InlineData("source.cpp storage.type.built-in.primitive.cpp", "int", TokenKind.Type)]
    [InlineData("source.cpp storage.modifier.specifier.const.cpp", "const", TokenKind.Keyword)]
    [InlineData("source.python meta.function.python entity.name.function.python", "f", TokenKind.Function)]
    [InlineData("source.python meta.function-call.python meta.function-call.generic.python", "f", TokenKind.Function)]
    [InlineData("source.python support.function.builtin.python", "print", TokenKind.Builtin)]
    [InlineData("source.python support.type.python", "int", TokenKind.Type)]
    [InlineData("source.python meta.class.python entity.name.type.class.python", "A", TokenKind.Type)]
    [InlineData("source.python variable.parameter.function.language.python", "x", TokenKind.Variable)]
    [InlineData("source.python variable.language.special.self.python", "self", TokenKind.Builtin)]
    [InlineData("text.html.basic meta.tag entity.name.tag.html", "div", TokenKind.Tag)]
    [InlineData("text.html.basic meta.tag entity.other.attribute-name.html", "class", TokenKind.Attribute)]
    [InlineData("source.diff markup.inserted.diff", "+x", TokenKind.Inserted)]
    [InlineData("source.diff markup.deleted.diff", "-x", TokenKind.Deleted)]
    [InlineData("source.python constant.language.python", "None", TokenKind.Constant)]
    [InlineData("source.python meta.function.decorator.python entity.name.function.decorator.python punctuation.definition.decorator.python", "@", TokenKind.Decorator)]
    [InlineData("source.json meta.structure.dictionary.json string.json support.type.property-name.json punctuation.support.type.property-name.begin.json", "\"", TokenKind.Property)]
    [InlineData("source.yaml string.unquoted.plain.out.yaml entity.name.tag.yaml", "key", TokenKind.Property)]
    [InlineData("source.python punctuation.separator.element.python", ",", TokenKind.Punctuation)]
    [InlineData("source.python meta.member.access.python", "x", TokenKind.Text)]
    [InlineData("source.shell string.unquoted.heredoc.expanded.shell", "body", TokenKind.String)]
    public void Scopes_map_to_kinds(string scopes, string text, TokenKind expected) =>
        Assert.Equal(expected, ScopeMap.Map(scopes.Split(' '), text));
}
