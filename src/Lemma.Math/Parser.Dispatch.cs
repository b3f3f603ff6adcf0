using System.Collections.Frozen;

namespace Lemma.Math;

/// <summary>What the parser does with a control word, decided once per name instead of by a cascade of
/// dictionary look-ups per use.</summary>
internal enum CommandKind : byte { Other, Symbol, BigOperator, OperatorName, Font, Text, Accent, Brace, Arrow, Fraction, Sqrt, Left, Begin }

/// <summary>Everything known about one built-in control sequence name. The lexer finds it by span when it reads
/// the name (so a known name allocates no string) and hands it on in <see cref="Token.Info"/>.</summary>
internal sealed class CommandInfo(string name)
{
    public string Name { get; } = name;
    public CommandKind Kind { get; set; }
    /// <summary>Kind Symbol: the symbol.</summary>
    public Symbol Symbol { get; set; }
    /// <summary>Kind BigOperator, Accent, Brace, Arrow: the character.</summary>
    public string Char { get; set; } = "";
    /// <summary>Kind BigOperator: an integral (limits at the side); OperatorName: takes limits; Accent: stretchy.</summary>
    public bool Flag { get; set; }
    /// <summary>Kind Accent and Brace: under the base.</summary>
    public bool Under { get; set; }
    /// <summary>Kind Font and Text: the alphabet.</summary>
    public MathFont Font { get; set; }
    /// <summary>A built-in macro (<see cref="BuiltinMacros"/>): the expander must look it up.</summary>
    public bool IsMacro { get; set; }
    /// <summary>\over, \choose, \atop, \brack, \brace, \above.</summary>
    public bool Infix { get; set; }
    /// <summary>A style switch for the rest of the group (\color, \displaystyle, \bf, \large, …).</summary>
    public bool Switch { get; set; }
}

internal sealed partial class Parser
{
    /// <summary>The table from control sequence name to <see cref="CommandInfo"/>. Built from the same tables that
    /// <see cref="Command"/> consulted in turn, in the same order, so the first match wins as it did.</summary>
    internal static class Dispatch
    {
        // Frozen: built once, looked up for every control word of every formula (it hashes faster than Dictionary).
        public static readonly FrozenDictionary<string, CommandInfo> Table = Build().ToFrozenDictionary(StringComparer.Ordinal);

        /// <summary>Look-up by span, for the lexer.</summary>
        public static readonly FrozenDictionary<string, CommandInfo>.AlternateLookup<ReadOnlySpan<char>> BySpan =
            Table.GetAlternateLookup<ReadOnlySpan<char>>();

        /// <summary>The info of a token: carried by it, or looked up (tokens made other than by the lexer).</summary>
        public static CommandInfo? Of(in Token t) => t.Info ?? Table.GetValueOrDefault(t.Text);

        // Names the parser tests in switch statements and comparisons (found in Parser*.cs); known names are
        // interned by the lexer. A name missing here still works, by the slower path.
        const string SwitchNames =
            "@dots @edefend @invalidmacro Bbb Huge LARGE Large above allowbreak angl atop bcancel begin bf binom blue " +
            "boldmath boxed cal cancel cfrac char color colorbox dbinom def dfrac displaylimits displaystyle edef end " +
            "enspace ensuremath eqref fbox fcolorbox footnotesize frac frak gdef genfrac global gold gray green hdashline " +
            "hfil hfill hline hphantom hphantomspace href hskip hspace htmlClass htmlData htmlId htmlStyle huge it kern " +
            "label large left limits long maroon mathbin mathchoice mathclap mathclose mathinner mathllap mathop mathopen " +
            "mathord mathpunct mathrel mathrlap mathstrut0 medspace middle mint mit mkern mskip negthinspace newcommand " +
            "nobreak nobreakspace nolimits nonscript nonumber normalsize not notag operatorname operatornamewithlimits " +
            "orange over overline overset phantom phase pink protected providecommand purple qquad quad raisebox red ref " +
            "relax renewcommand right rm rule scriptscriptstyle scriptsize scriptstyle sf small smash sout sqrt stackrel " +
            "sideset substack tag tbinom teal textcolor textstyle tfrac thickspace thinspace tiny tt unboldmath underline " +
            "underset url vcenter verb vphantom xcancel xdef brack brace choose bigl bigr bigm Bigl Bigr Bigm biggl " +
            "biggr biggm Biggl Biggr Biggm big Big bigg Bigg";

        const string SwitchCommands =
            "color displaystyle textstyle scriptstyle scriptscriptstyle rm bf it sf tt cal frak Bbb mit boldmath unboldmath " +
            "tiny scriptsize footnotesize small normalsize large Large LARGE huge Huge";

        static Dictionary<string, CommandInfo> Build()
        {
            var d = new Dictionary<string, CommandInfo>(StringComparer.Ordinal);
            CommandInfo Get(string name)
            {
                if (!d.TryGetValue(name, out var info)) d[name] = info = new CommandInfo(name);
                return info;
            }
            // Command() tried these in this order; only the first claim of a name counts.
            void Claim(string name, Action<CommandInfo> set)
            {
                var info = Get(name);
                if (info.Kind != CommandKind.Other) return;
                set(info);
            }
            foreach (var (n, s) in Symbols.Table) Claim(n, i => { i.Kind = CommandKind.Symbol; i.Symbol = s; });
            foreach (var (n, c) in Symbols.BigOperators)
                Claim(n, i => { i.Kind = CommandKind.BigOperator; i.Char = c; i.Flag = Symbols.Integrals.Contains(n); });
            foreach (var (n, l) in Symbols.OperatorNames) Claim(n, i => { i.Kind = CommandKind.OperatorName; i.Flag = l; });
            foreach (var (n, f) in FontCommands) Claim(n, i => { i.Kind = CommandKind.Font; i.Font = f; });
            foreach (var (n, f) in TextCommands) Claim(n, i => { i.Kind = CommandKind.Text; i.Font = f; });
            foreach (var (n, a) in Accents)
                Claim(n, i => { i.Kind = CommandKind.Accent; i.Char = a.Char; i.Flag = a.Stretchy; i.Under = a.Under; });
            foreach (var (n, b) in Braces) Claim(n, i => { i.Kind = CommandKind.Brace; i.Char = b.Char; i.Under = b.Under; });
            foreach (var (n, a) in ExtensibleArrows) Claim(n, i => { i.Kind = CommandKind.Arrow; i.Char = a; });
            // Constructs that Command() found by name after the tables (no \big name among them, so the order holds).
            foreach (var n in new[] { "frac", "dfrac", "tfrac", "cfrac", "binom", "dbinom", "tbinom", "genfrac" })
                Claim(n, i => i.Kind = CommandKind.Fraction);
            Claim("sqrt", i => i.Kind = CommandKind.Sqrt);
            Claim("left", i => i.Kind = CommandKind.Left);
            Claim("begin", i => i.Kind = CommandKind.Begin);
            foreach (var n in BuiltinMacroSource.Source.Keys) Get(n).IsMacro = true;
            foreach (var n in Infix) Get(n).Infix = true;
            foreach (var n in SwitchCommands.Split(' ')) Get(n).Switch = true;
            foreach (var n in SwitchNames.Split(' ')) Get(n);
            foreach (var n in Symbols.Delimiters.Keys.Concat(Negations.Keys).Concat(LegacyColors.Keys)
                         .Concat(TextSymbols.Keys).Concat(TextAccents.Keys)) Get(n);
            return d;
        }
    }
}
