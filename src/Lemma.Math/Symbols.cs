namespace Lemma.Math;

/// <summary>How a symbol becomes MathML: an identifier (italic if one Latin/Greek letter), an upright
/// identifier, or an operator of a TeX class.</summary>
internal enum SymbolKind { Identifier, Upright, Operator }

internal readonly record struct Symbol(string Text, SymbolKind Kind, AtomClass Class);

/// <summary>KaTeX's symbol table: control sequence name to character and class.</summary>
internal static class Symbols
{
    public static readonly Dictionary<string, Symbol> Table = Build();

    /// <summary>Big operators; those in <see cref="Integrals"/> keep their limits at the side.</summary>
    public static readonly Dictionary<string, string> BigOperators = Pairs(
        "sum ∑ prod ∏ coprod ∐ bigcup ⋃ bigcap ⋂ bigvee ⋁ bigwedge ⋀ bigoplus ⨁ bigotimes ⨂ bigodot ⨀ biguplus ⨄ " +
        "bigsqcup ⨆ int ∫ iint ∬ iiint ∭ oint ∮ oiint ∯ oiiint ∰ intop ∫ smallint ∫ bigsqcap ⨅");

    public static readonly HashSet<string> Integrals = ["int", "iint", "iiint", "oint", "oiint", "oiiint", "intop", "smallint"];

    /// <summary>Operator names: true when they take limits below in display style.</summary>
    public static readonly Dictionary<string, bool> OperatorNames = BuildNames();

    /// <summary>Characters a delimiter command stands for (after \left, \big, ...).</summary>
    public static readonly Dictionary<string, string> Delimiters = Pairs(
        "lbrace { rbrace } { { } } lbrack [ rbrack ] langle ⟨ rangle ⟩ lceil ⌈ rceil ⌉ lfloor ⌊ rfloor ⌋ " +
        "vert | Vert ‖ lvert | rvert | lVert ‖ rVert ‖ | ‖ lgroup ⟮ rgroup ⟯ lmoustache ⎰ rmoustache ⎱ " +
        "uparrow ↑ downarrow ↓ updownarrow ↕ Uparrow ⇑ Downarrow ⇓ Updownarrow ⇕ backslash \\ " +
        "ulcorner ⌜ urcorner ⌝ llcorner ⌞ lrcorner ⌟ llbracket ⟦ rrbracket ⟧ lBrace ⦃ rBrace ⦄ " +
        "lang ⟨ rang ⟩ lparen ( rparen ) lt ⟨ gt ⟩ mid ∣ arrowvert ⏐ Arrowvert ‖ bracevert ⎪");

    static Dictionary<string, string> Pairs(string list)
    {
        var parts = list.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var d = new Dictionary<string, string>(parts.Length / 2);
        for (int i = 0; i + 1 < parts.Length; i += 2) d[parts[i]] = parts[i + 1];
        return d;
    }

    static Dictionary<string, bool> BuildNames()
    {
        var d = new Dictionary<string, bool>();
        foreach (var n in ("arcsin arccos arctan arctg arcctg arg ch cos cosec cosh cot cotg coth csc ctg cth deg dim exp " +
                           "hom ker lg ln log sec sh sin sinh tan tanh tg th").Split(' ')) d[n] = false;
        foreach (var n in "det gcd inf lim liminf limsup max min Pr sup injlim projlim".Split(' ')) d[n] = true;
        return d;
    }

    static Dictionary<string, Symbol> Build()
    {
        var d = new Dictionary<string, Symbol>();
        void Add(string list, SymbolKind kind, AtomClass cls)
        {
            foreach (var (k, v) in Pairs(list)) d[k] = new Symbol(v, kind, cls);
        }
        Add("alpha α beta β gamma γ delta δ epsilon ϵ varepsilon ε zeta ζ eta η theta θ vartheta ϑ iota ι kappa κ " +
            "varkappa ϰ lambda λ mu μ nu ν xi ξ omicron ο pi π varpi ϖ rho ρ varrho ϱ sigma σ varsigma ς tau τ " +
            "upsilon υ phi ϕ varphi φ chi χ psi ψ omega ω digamma ϝ " +
            "varGamma Γ varDelta Δ varTheta Θ varLambda Λ varXi Ξ varPi Π varSigma Σ varUpsilon Υ varPhi Φ " +
            "varPsi Ψ varOmega Ω ell ℓ hbar ℏ hslash ℏ imath ı jmath ȷ wp ℘ partial ∂ infty ∞ " +
            "aleph ℵ beth ℶ gimel ℷ daleth ℸ eth ð Bbbk 𝕜", SymbolKind.Identifier, AtomClass.Ord);
        Add("Gamma Γ Delta Δ Theta Θ Lambda Λ Xi Ξ Pi Π Sigma Σ Upsilon Υ Phi Φ Psi Ψ Omega Ω " +
            "Alpha Α Beta Β Epsilon Ε Zeta Ζ Eta Η Iota Ι Kappa Κ Mu Μ Nu Ν Omicron Ο Rho Ρ Tau Τ Chi Χ " +
            "nabla ∇ Re ℜ Im ℑ emptyset ∅ varnothing ∅ top ⊤ bot ⊥ angle ∠ measuredangle ∡ sphericalangle ∢ " +
            "triangle △ triangledown ▽ vartriangle △ square □ Box □ blacksquare ■ lozenge ◊ Diamond ◊ blacklozenge ⧫ " +
            "bigstar ★ diamondsuit ♢ heartsuit ♡ clubsuit ♣ spadesuit ♠ diamonds ♢ hearts ♡ clubs ♣ spades ♠ " +
            "flat ♭ natural ♮ sharp ♯ checkmark ✓ surd √ mho ℧ Finv Ⅎ Game ⅁ complement ∁ diagup ╱ diagdown ╲ " +
            "degree ° pounds £ mathsterling £ yen ¥ copyright © circledR ® circledS Ⓢ maltese ✠ S § P ¶ " +
            "$ $ % % # # & & _ _ textdollar $ textbackslash \\ blacktriangle ▲ blacktriangledown ▼ " +
            "infin ∞ alef ℵ alefsym ℵ real ℜ image ℑ weierp ℘ empty ∅ exist ∃ natnums ℕ reals ℝ Reals ℝ " +
            "Complex ℂ cnums ℂ Z ℤ N ℕ R ℝ thetasym ϑ Dagger ‡ sect § bull • minuso ⦵ And & " +
            "forall ∀ exists ∃ nexists ∄ vdots ⋮ dag † ddag ‡", SymbolKind.Upright, AtomClass.Ord);
        Add("neg ¬ lnot ¬ ldots … cdots ⋯ ddots ⋱ iddots ⋰ " +
            "mathellipsis … dotsc … dotso … dotsb ⋯ dotsm ⋯ ellipsis … " +
            "backslash \\ | ‖ Vert ‖ vert | " +
            "prime ′ backprime ‵", SymbolKind.Operator, AtomClass.Ord); // ′ as mo, like the ' shorthand
        Add("pm ± mp ∓ times × div ÷ cdot ⋅ ast ∗ star ⋆ circ ∘ bullet ∙ oplus ⊕ ominus ⊖ otimes ⊗ oslash ⊘ " +
            "odot ⊙ cup ∪ cap ∩ uplus ⊎ sqcup ⊔ sqcap ⊓ vee ∨ lor ∨ wedge ∧ land ∧ setminus ∖ smallsetminus ∖ " +
            "wr ≀ amalg ⨿ dagger † ddagger ‡ diamond ⋄ bigtriangleup △ bigtriangledown ▽ triangleleft ◃ " +
            "triangleright ▹ lhd ⊲ rhd ⊳ unlhd ⊴ unrhd ⊵ bigcirc ◯ circledast ⊛ circledcirc ⊚ circleddash ⊝ " +
            "boxplus ⊞ boxminus ⊟ boxtimes ⊠ boxdot ⊡ dotplus ∔ divideontimes ⋇ ltimes ⋉ rtimes ⋊ " +
            "leftthreetimes ⋋ rightthreetimes ⋌ curlywedge ⋏ curlyvee ⋎ doublebarwedge ⩞ barwedge ⊼ veebar ⊻ " +
            "intercal ⊺ Cap ⋒ Cup ⋓ doublecap ⋒ doublecup ⋓ centerdot ⋅ plusmn ± and ∧ " +
            "sdot ⋅ bmod mod", SymbolKind.Operator, AtomClass.Bin);
        Add("leq ≤ le ≤ geq ≥ ge ≥ neq ≠ ne ≠ equiv ≡ approx ≈ approxeq ≊ sim ∼ simeq ≃ cong ≅ propto ∝ " +
            "ll ≪ gg ≫ lll ⋘ ggg ⋙ llless ⋘ gggtr ⋙ prec ≺ succ ≻ preceq ⪯ succeq ⪰ subset ⊂ supset ⊃ subseteq ⊆ " +
            "supseteq ⊇ subsetneq ⊊ supsetneq ⊋ varsubsetneq ⊊ varsupsetneq ⊋ subsetneqq ⫋ supsetneqq ⫌ " +
            "sqsubset ⊏ sqsupset ⊐ sqsubseteq ⊑ sqsupseteq ⊒ in ∈ isin ∈ ni ∋ owns ∋ notin ∉ notni ∌ " +
            "mid ∣ parallel ∥ nparallel ∦ nmid ∤ perp ⊥ models ⊨ vdash ⊢ dashv ⊣ vDash ⊨ Vdash ⊩ Vvdash ⊪ " +
            "asymp ≍ bowtie ⋈ Join ⋈ smile ⌣ frown ⌢ doteq ≐ doteqdot ≑ Doteq ≑ coloneqq ≔ eqqcolon ≕ " +
            "coloneq ≔ Coloneqq ⩴ triangleq ≜ leqq ≦ geqq ≧ leqslant ⩽ geqslant ⩾ lesssim ≲ gtrsim ≳ " +
            "lessapprox ⪅ gtrapprox ⪆ lessgtr ≶ gtrless ≷ lesseqgtr ⋚ gtreqless ⋛ lesseqqgtr ⪋ gtreqqless ⪌ " +
            "nless ≮ ngtr ≯ nleq ≰ ngeq ≱ lneq ⪇ gneq ⪈ lneqq ≨ gneqq ≩ lvertneqq ≨ gvertneqq ≩ lnsim ⋦ gnsim ⋧ " +
            "lnapprox ⪉ gnapprox ⪊ nsim ≁ ncong ≇ nsubseteq ⊈ nsupseteq ⊉ nsubseteqq ⊈ nsupseteqq ⊉ " +
            "precsim ≾ succsim ≿ precapprox ⪷ succapprox ⪸ precneqq ⪵ succneqq ⪶ precnsim ⋨ succnsim ⋩ " +
            "precnapprox ⪹ succnapprox ⪺ nprec ⊀ nsucc ⊁ npreceq ⋠ nsucceq ⋡ preccurlyeq ≼ succcurlyeq ≽ " +
            "curlyeqprec ⋞ curlyeqsucc ⋟ vartriangleleft ⊲ vartriangleright ⊳ trianglelefteq ⊴ " +
            "trianglerighteq ⊵ ntriangleleft ⋪ ntriangleright ⋫ ntrianglelefteq ⋬ ntrianglerighteq ⋭ " +
            "thicksim ∼ thickapprox ≈ backsim ∽ backsimeq ⋍ eqsim ≂ circeq ≗ bumpeq ≏ Bumpeq ≎ " +
            "risingdotseq ≓ fallingdotseq ≒ eqcirc ≖ between ≬ pitchfork ⋔ shortmid ∣ shortparallel ∥ " +
            "nshortmid ∤ nshortparallel ∦ smallsmile ⌣ smallfrown ⌢ therefore ∴ because ∵ " +
            "blacktriangleleft ◀ blacktriangleright ▶ Subset ⋐ Supset ⋑ subseteqq ⫅ supseteqq ⫆ " +
            "nvdash ⊬ nvDash ⊭ nVdash ⊮ nVDash ⊯ varpropto ∝ lessdot ⋖ gtrdot ⋗ eqslantless ⪕ eqslantgtr ⪖ " +
            "lt < gt > leftrightarrow ↔ sqsubsetneq ⊏ ratio ∶ Colon ∷ dblcolon ∷ approxcolon ≈: " +
            "simcolon ∼: Eqcolon −∷ eqcolon ≕ minuscolon −: colonapprox :≈ colonsim :∼ " +
            "origof ⊶ imageof ⊷ multimap ⊸ backepsilon ϶ Eqqcolon =∷ approxcoloncolon ≈∷ Colonapprox ∷≈ Coloneq ∷− " +
            "Colonsim ∷∼ simcoloncolon ∼∷ ngeqslant ⩾̸ nleqslant ⩽̸ nleqq ≦̸ ngeqq ≧̸ varsubsetneqq ⫋ varsupsetneqq ⫌ " +
            "coloncolonapprox ∷≈ coloncolonequals ∷= coloncolonminus ∷− coloncolonsim ∷∼ colonequals ≔ colonminus :− " +
            "equalscolon ≕ equalscoloncolon =∷ minuscoloncolon −∷ sub ⊂ sube ⊆ supe ⊇ " +
            "to → rightarrow → gets ← leftarrow ← Rightarrow ⇒ Leftarrow ⇐ Leftrightarrow ⇔ " +
            "longrightarrow ⟶ longleftarrow ⟵ longleftrightarrow ⟷ Longrightarrow ⟹ Longleftarrow ⟸ " +
            "Longleftrightarrow ⟺ mapsto ↦ longmapsto ⟼ hookrightarrow ↪ hookleftarrow ↩ uparrow ↑ " +
            "downarrow ↓ updownarrow ↕ Uparrow ⇑ Downarrow ⇓ Updownarrow ⇕ nearrow ↗ searrow ↘ swarrow ↙ " +
            "nwarrow ↖ rightharpoonup ⇀ rightharpoondown ⇁ leftharpoonup ↼ leftharpoondown ↽ " +
            "rightleftharpoons ⇌ leftrightharpoons ⇋ upharpoonleft ↿ upharpoonright ↾ downharpoonleft ⇃ " +
            "downharpoonright ⇂ leadsto ⇝ rightsquigarrow ⇝ leftrightsquigarrow ↭ twoheadrightarrow ↠ " +
            "twoheadleftarrow ↞ rightarrowtail ↣ leftarrowtail ↢ looparrowright ↬ looparrowleft ↫ " +
            "curvearrowright ↷ curvearrowleft ↶ circlearrowright ↻ circlearrowleft ↺ Rrightarrow ⇛ " +
            "Lleftarrow ⇚ rightrightarrows ⇉ leftleftarrows ⇇ leftrightarrows ⇆ rightleftarrows ⇄ " +
            "upuparrows ⇈ downdownarrows ⇊ nrightarrow ↛ nleftarrow ↚ nRightarrow ⇏ nLeftarrow ⇍ " +
            "nleftrightarrow ↮ nLeftrightarrow ⇎ Lsh ↰ Rsh ↱ dashrightarrow ⇢ dashleftarrow ⇠ restriction ↾ " +
            "rarr → larr ← harr ↔ rArr ⇒ lArr ⇐ hArr ⇔ Rarr ⇒ Larr ⇐ Harr ⇔ uarr ↑ darr ↓ uArr ⇑ dArr ⇓ " +
            "Uarr ⇑ Darr ⇓ lrarr ↔ lrArr ⇔ Lrarr ⇔ longleftrightarrows ⟷",
            SymbolKind.Operator, AtomClass.Rel);
        Add("lbrace { lbrack [ langle ⟨ lceil ⌈ lfloor ⌊ lvert | lVert ‖ lgroup ⟮ lmoustache ⎰ ulcorner ⌜ " +
            "llcorner ⌞ llbracket ⟦ lBrace ⦃ { { lang ⟨ lparen (", SymbolKind.Operator, AtomClass.Open);
        Add("rbrace } rbrack ] rangle ⟩ rceil ⌉ rfloor ⌋ rvert | rVert ‖ rgroup ⟯ rmoustache ⎱ urcorner ⌝ " +
            "lrcorner ⌟ rrbracket ⟧ rBrace ⦄ } } rang ⟩ rparen )", SymbolKind.Operator, AtomClass.Close);
        Add("colon : cdotp ⋅ ldotp .", SymbolKind.Operator, AtomClass.Punct);
        return d;
    }
}
