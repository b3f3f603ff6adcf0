namespace Lemma.Highlight;

/// <summary>The small, stable set of token kinds; the CSS class is "hl-" + the lower-case name.</summary>
public enum TokenKind
{
    Text, Keyword, String, Comment, Number, Function, Type, Variable, Operator, Punctuation, Constant,
    Builtin, Decorator, Property, Tag, Attribute, Regex, Escape, Inserted, Deleted, Prompt, Output,
}
