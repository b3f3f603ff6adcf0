namespace Lemma.Highlight.Lexing;

/// <summary>A hand-written lexer. Stateless (state lives in locals), so one instance serves every thread.</summary>
public interface ILexer
{
    /// <summary>Classifies code[start..end) into <paramref name="tokens"/>, in order. The code is normalised ("\n" line ends).</summary>
    void Lex(string code, int start, int end, TokenList tokens);
}
