namespace Lemma.Highlight.Lexing;

/// <summary>A classified range of the source, [Start, End).</summary>
public readonly record struct Token(int Start, int End, TokenKind Kind);

/// <summary>
/// Tokens in source order, as a lexer produces them. Gaps are <see cref="TokenKind.Text"/>; adjacent tokens of one kind
/// merge, so a lexer may emit character by character without cost to the HTML.
/// </summary>
public sealed class TokenList
{
    private Token[] _items = new Token[64];

    public int Count { get; private set; }

    public Token this[int index] => _items[index];

    /// <summary>Adds [start, end) as <paramref name="kind"/>. Ranges must not go backwards; empty ones are ignored.</summary>
    public void Add(int start, int end, TokenKind kind)
    {
        if (end <= start || kind == TokenKind.Text) return;
        if (Count > 0)
        {
            ref var last = ref _items[Count - 1];
            if (start < last.End) start = last.End; // never overlap: the earlier token wins
            if (end <= start) return;
            if (last.End == start && last.Kind == kind) { last = last with { End = end }; return; }
        }
        if (Count == _items.Length) Array.Resize(ref _items, Count * 2);
        _items[Count++] = new Token(start, end, kind);
    }

    public void Clear() => Count = 0;

    /// <summary>The kind of every character of a source of <paramref name="length"/> characters.</summary>
    public TokenKind[] ToKinds(int length)
    {
        var kinds = new TokenKind[length];
        for (var i = 0; i < Count; i++)
        {
            var t = _items[i];
            for (var j = t.Start; j < t.End && j < length; j++) kinds[j] = t.Kind;
        }
        return kinds;
    }
}
