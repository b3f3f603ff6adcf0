namespace Lemma.Math;

/// <summary>Commands defined in TeX terms, expanded like user macros (KaTeX defines these the same way).</summary>
internal static class BuiltinMacros
{
    public static readonly Dictionary<string, MacroDefinition> Table;

    static BuiltinMacros() => Table = BuiltinMacroSource.Source.ToDictionary(p => p.Key, p => Expander.Parse(p.Value));
}

/// <summary>The bodies of <see cref="BuiltinMacros"/>, apart so that the lexer's command table can read the names
/// without parsing (which needs the lexer).</summary>
internal static class BuiltinMacroSource
{
    public static readonly Dictionary<string, string> Source = new()
    {
        ["iff"] = @"\;\Longleftrightarrow\;",
        ["implies"] = @"\;\Longrightarrow\;",
        ["impliedby"] = @"\;\Longleftarrow\;",
        // amsmath: 18mu before in display math, 8mu (\pod, \pmod) or 12mu (\mod) inline.
        ["pmod"] = @"\mathchoice{\mkern18mu}{\mkern8mu}{\mkern8mu}{\mkern8mu}(\mathrm{mod}\mkern6mu #1)",
        ["pod"] = @"\mathchoice{\mkern18mu}{\mkern8mu}{\mkern8mu}{\mkern8mu}(#1)",
        ["mod"] = @"\mathchoice{\mkern18mu}{\mkern12mu}{\mkern12mu}{\mkern12mu}\mathrm{mod}\mkern6mu #1",
        ["argmax"] = @"\operatorname*{arg\,max}",
        ["argmin"] = @"\operatorname*{arg\,min}",
        ["varliminf"] = @"\mathop{\underline{\mathrm{lim}}}",
        ["varlimsup"] = @"\mathop{\overline{\mathrm{lim}}}",
        ["varinjlim"] = @"\mathop{\underrightarrow{\mathrm{lim}}}",
        ["varprojlim"] = @"\mathop{\underleftarrow{\mathrm{lim}}}",
        ["bgroup"] = "{",
        ["egroup"] = "}",
        ["begingroup"] = "{",
        ["endgroup"] = "}",
        ["lq"] = "‘",
        ["rq"] = "’",
        ["thinspace"] = @"\,",
        ["medspace"] = @"\:",
        ["thickspace"] = @"\;",
        ["negthinspace"] = @"\!",
        ["negmedspace"] = @"\mkern-4mu",
        ["negthickspace"] = @"\mkern-5mu",
        ["enspace"] = @"\kern.5em",
        ["enskip"] = @"\hskip.5em\relax",
        ["quad"] = @"\hskip1em\relax",
        ["qquad"] = @"\hskip2em\relax",
        ["nobreakspace"] = "~",
        ["space"] = @"\ ",
        ["mathstrut"] = @"\vphantom{(}",
        ["strut"] = @"\vphantom{(}",
        ["dotsi"] = @"\!\cdots", // amsmath: dots between integrals, pulled in by a thin space
        ["TeX"] = @"\textrm{T\kern-.1667em\raisebox{-.5ex}{E}\kern-.125emX}",
        ["LaTeX"] = @"\textrm{L\kern-.36em\raisebox{.2em}{\scriptstyle A}\kern-.15em\TeX}",
        ["KaTeX"] = @"\textrm{K\kern-.17em\raisebox{.2em}{\scriptstyle A}\kern-.15em\TeX}",
        ["llap"] = @"\mathllap{\textrm{#1}}",
        ["rlap"] = @"\mathrlap{\textrm{#1}}",
        ["clap"] = @"\mathclap{\textrm{#1}}",
        ["varcoppa"] = "ϙ",
        ["koppa"] = "ϟ",
        ["stigma"] = "ϛ",
        ["sampi"] = "ϡ",
        ["Coppa"] = "Ϙ",
        ["Koppa"] = "Ϟ",
        ["Stigma"] = "Ϛ",
        ["Sampi"] = "Ϡ",
        ["cr"] = @"\\",
        ["newline"] = @"\\",
        ["vcentcolon"] = @"\mathrel{:}",
        ["dblcolon"] = @"\mathrel{::}",
        ["coloncolon"] = @"\mathrel{::}",
        ["hspacestar"] = @"\hspace{#1}",
        ["operatornamewithlimits"] = @"\operatorname*{#1}",
        // MathJax's \displaylines{a \\ b}: lines centred one under another, as gathered sets them.
        ["displaylines"] = @"\begin{gathered}#1\end{gathered}",
        ["plim"] = @"\operatorname*{plim}",
        ["dots"] = @"\@dots",
        ["textellipsis"] = "…",
        ["bra"] = @"\mathinner{\langle{#1}|}",
        ["ket"] = @"\mathinner{|{#1}\rangle}",
        ["braket"] = @"\mathinner{\langle{#1}\rangle}",
        ["Bra"] = @"\left\langle #1\right|",
        ["Ket"] = @"\left|#1\right\rangle",
        ["Braket"] = @"\left\langle #1\right\rangle",
        ["set"] = @"\{#1\}",
        ["Set"] = @"\left\{ #1 \right\}",
        ["angln"] = @"\angl n",
    };
}
