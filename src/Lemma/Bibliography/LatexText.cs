using System.Collections.Frozen;
using System.Text;

namespace Lemma.Bibliography;

/// <summary>
/// The LaTeX of BibTeX values to Unicode text: accents (<c>{\"o}</c>, <c>\'e</c>, <c>\c{c}</c>) to composed letters,
/// special letters (<c>{\ss}</c>, <c>\o</c>), dashes and quotes, escaped characters and Greek letters; case-protecting
/// braces and math dollars are removed, formatting commands keep their text, runs of white space become one space.
/// </summary>
public static class LatexText
{
    private static readonly FrozenDictionary<string, char> Accents = new Dictionary<string, char>
    {
        ["\""] = '\u0308', ["'"] = '\u0301', ["`"] = '\u0300', ["^"] = '\u0302', ["~"] = '\u0303', ["="] = '\u0304',
        ["."] = '\u0307', ["u"] = '\u0306', ["v"] = '\u030C', ["H"] = '\u030B', ["c"] = '\u0327', ["k"] = '\u0328',
        ["r"] = '\u030A', ["d"] = '\u0323', ["b"] = '\u0331', ["t"] = '\u0361',
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> Symbols = new Dictionary<string, string>
    {
        ["ss"] = "ß", ["ae"] = "æ", ["AE"] = "Æ", ["oe"] = "œ", ["OE"] = "Œ", ["o"] = "ø", ["O"] = "Ø", ["l"] = "ł", ["L"] = "Ł",
        ["aa"] = "å", ["AA"] = "Å", ["i"] = "ı", ["j"] = "ȷ", ["dh"] = "ð", ["DH"] = "Ð", ["th"] = "þ", ["TH"] = "Þ",
        ["ng"] = "ŋ", ["NG"] = "Ŋ", ["dj"] = "đ", ["DJ"] = "Đ",
        ["textendash"] = "–", ["textemdash"] = "—", ["textquoteleft"] = "‘", ["textquoteright"] = "’",
        ["textquotedblleft"] = "“", ["textquotedblright"] = "”", ["ldots"] = "…", ["dots"] = "…", ["textellipsis"] = "…",
        ["textasciitilde"] = "~", ["textbackslash"] = "\\", ["S"] = "§", ["P"] = "¶", ["copyright"] = "©", ["textregistered"] = "®",
        ["texttrademark"] = "™", ["textdegree"] = "°", ["pounds"] = "£", ["euro"] = "€", ["textbullet"] = "•",
        ["LaTeX"] = "LaTeX", ["TeX"] = "TeX", ["BibTeX"] = "BibTeX", ["times"] = "×", ["pm"] = "±", ["infty"] = "∞",
        ["leq"] = "≤", ["geq"] = "≥", ["neq"] = "≠", ["approx"] = "≈", ["cdot"] = "·", ["to"] = "→", ["rightarrow"] = "→",
        ["alpha"] = "α", ["beta"] = "β", ["gamma"] = "γ", ["delta"] = "δ", ["epsilon"] = "ε", ["varepsilon"] = "ε",
        ["zeta"] = "ζ", ["eta"] = "η", ["theta"] = "θ", ["iota"] = "ι", ["kappa"] = "κ", ["lambda"] = "λ", ["mu"] = "μ",
        ["nu"] = "ν", ["xi"] = "ξ", ["pi"] = "π", ["rho"] = "ρ", ["sigma"] = "σ", ["tau"] = "τ", ["upsilon"] = "υ",
        ["phi"] = "φ", ["varphi"] = "φ", ["chi"] = "χ", ["psi"] = "ψ", ["omega"] = "ω", ["Gamma"] = "Γ", ["Delta"] = "Δ",
        ["Theta"] = "Θ", ["Lambda"] = "Λ", ["Xi"] = "Ξ", ["Pi"] = "Π", ["Sigma"] = "Σ", ["Phi"] = "Φ", ["Psi"] = "Ψ",
        ["Omega"] = "Ω", ["ell"] = "ℓ",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static string ToUnicode(string latex)
    {
        if (latex.AsSpan().IndexOfAny("\\{}~$-`'\n\r\t") < 0 && !latex.Contains("  ", StringComparison.Ordinal)) return latex;
        var output = new StringBuilder(latex.Length);
        var i = 0;
        Convert(latex, ref i, output, stopAtBrace: false);
        return Collapse(output.ToString());
    }

    private static void Convert(string s, ref int i, StringBuilder output, bool stopAtBrace)
    {
        // Each brace group is a call deeper: a value of 100,000 nested braces would overflow the stack and end the
        // process. Past what the stack can hold, the rest of the value is kept as written.
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            output.Append(s, i, s.Length - i);
            i = s.Length;
            return;
        }
        while (i < s.Length)
        {
            var c = s[i];
            switch (c)
            {
                case '}' when stopAtBrace: i++; return;
                case '{': i++; Convert(s, ref i, output, stopAtBrace: true); break;
                case '}': i++; break;
                case '$': i++; break;
                case '~': output.Append('\u00A0'); i++; break;
                case '\\': Command(s, ref i, output); break;
                case '-' when At(s, i, "---"): output.Append('—'); i += 3; break;
                case '-' when At(s, i, "--"): output.Append('–'); i += 2; break;
                case '`' when At(s, i, "``"): output.Append('“'); i += 2; break;
                case '\'' when At(s, i, "''"): output.Append('”'); i += 2; break;
                default: output.Append(c); i++; break;
            }
        }
    }

    private static void Command(string s, ref int i, StringBuilder output)
    {
        i++; // the backslash
        if (i >= s.Length) return;
        string name;
        if (char.IsAsciiLetter(s[i]))
        {
            var start = i;
            while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
            name = s[start..i];
            // TeX drops the spaces after a control word, unless the word takes an accent's argument.
            if (!Accents.ContainsKey(name) || (i < s.Length && s[i] is ' ' && i + 1 < s.Length && s[i + 1] != '{'))
                while (i < s.Length && s[i] is ' ' or '\n' or '\r' or '\t') i++;
        }
        else name = s[i++].ToString();

        if (Accents.TryGetValue(name, out var mark))
        {
            var argument = new StringBuilder();
            Argument(s, ref i, argument);
            if (argument.Length == 0) { output.Append(mark); return; }
            // A dotless i or j under an accent is the plain letter: \'{\i} is í.
            var letter = argument[0] switch { 'ı' => 'i', 'ȷ' => 'j', var other => other };
            if (Composition.Compose(letter, mark) is { } composed) output.Append(composed);
            else output.Append(letter).Append(mark);
            output.Append(argument, 1, argument.Length - 1);
            return;
        }
        if (Symbols.TryGetValue(name, out var symbol)) { output.Append(symbol); return; }
        switch (name)
        {
            case "&" or "%" or "$" or "#" or "_" or "{" or "}": output.Append(name); return;
            case " " or "\\" or ",": output.Append(' '); return;
            case "-" or "/" or "@": return;
            // Anything else (\emph, \textbf, \url, unknown commands): the name goes, its argument stays as text.
            default: return;
        }
    }

    /// <summary>An accent's argument: a group, a command (\i), or one character.</summary>
    private static void Argument(string s, ref int i, StringBuilder output)
    {
        if (i >= s.Length) return;
        if (s[i] == '{') { i++; Convert(s, ref i, output, stopAtBrace: true); return; }
        if (s[i] == '\\') { Command(s, ref i, output); return; }
        output.Append(s[i++]);
    }

    private static bool At(string s, int i, string text) => string.CompareOrdinal(s, i, text, 0, text.Length) == 0;

    private static string Collapse(string text)
    {
        var output = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (c is ' ' or '\n' or '\r' or '\t')
            {
                space = true;
                continue;
            }
            if (space && output.Length > 0) output.Append(' ');
            space = false;
            output.Append(c);
        }
        return output.ToString();
    }
}
