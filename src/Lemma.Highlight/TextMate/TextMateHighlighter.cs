using Lemma.Highlight.Lexing;
using TextMateSharp.Grammars;
using TextMateSharp.Registry;

namespace Lemma.Highlight.TextMate;

/// <summary>
/// Tokenises with VS Code's TextMate grammars (TextMateSharp) and maps scopes to <see cref="TokenKind"/> through
/// <see cref="ScopeMap"/>. Grammars load lazily, once; TextMateSharp is not thread-safe, so each grammar is used under its
/// own lock (the long tail of languages is rare, so contention is low).
/// </summary>
public sealed class TextMateHighlighter
{
    // A guard against a pathological grammar/line pair, not a budget: a line's first tokenisation also compiles the
    // grammar's regular expressions, which on a loaded machine can take seconds, and a timeout truncates the tokens.
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Longer lines are left plain, as VS Code leaves lines past its maxTokenizationLineLength: grammars' regular
    /// expressions rescan a line from each token, so a 14 KB line of repeated tokens took minutes, and such lines are
    /// minified or generated code nobody reads for its colours.
    /// </summary>
    public const int MaxLineLength = 1_000;

    /// <summary>
    /// How much scanning one block may cost, counted as tokens times line length summed over its lines; past it the
    /// rest of the block is plain. A grammar rescans the line from each token, so a line of 1,000 '&lt;' in HTML costs
    /// about a million (a second of CPU), while a typical 80-character line of code costs about 1,600: the budget stops
    /// a block of such lines from taking minutes and leaves about 1,200 lines of ordinary code highlighted. Counted, not
    /// timed, so the same block gives the same HTML on any machine.
    /// </summary>
    public const long MaxBlockCost = 2_000_000;
    private readonly object _registryLock = new();
    private RegistryOptions? _options;
    private Registry? _registry;
    private readonly Dictionary<string, GrammarSlot?> _grammars = new(StringComparer.Ordinal);

    private sealed class GrammarSlot(IGrammar grammar)
    {
        public readonly IGrammar Grammar = grammar;
        public readonly object Lock = new();
    }

    /// <summary>The TextMateSharp language ids that exist (e.g. "python", "shellscript", "cuda-cpp").</summary>
    public IReadOnlyCollection<string> LanguageIds
    {
        get
        {
            lock (_registryLock)
            {
                EnsureRegistry();
                return _options!.GetAvailableLanguages().Select(l => l.Id).Distinct().ToArray();
            }
        }
    }

    private void EnsureRegistry()
    {
        if (_registry != null) return;
        _options = new RegistryOptions(ThemeName.DarkPlus);
        _registry = new Registry(_options);
    }

    private GrammarSlot? Slot(string languageId)
    {
        lock (_registryLock)
        {
            if (_grammars.TryGetValue(languageId, out var slot)) return slot;
            EnsureRegistry();
            var scope = _options!.GetScopeByLanguageId(languageId);
            var grammar = scope == null ? null : _registry!.LoadGrammar(scope);
            slot = grammar == null ? null : new GrammarSlot(grammar);
            _grammars[languageId] = slot;
            return slot;
        }
    }

    public bool Has(string languageId) => Slot(languageId) != null;

    /// <summary>Tokenises a normalised source (see <see cref="HtmlLines.Normalize"/>) into <paramref name="tokens"/>.</summary>
    public void Tokenize(string code, string languageId, TokenList tokens)
    {
        var slot = Slot(languageId) ?? throw new ArgumentException($"no TextMate grammar for '{languageId}'", nameof(languageId));
        lock (slot.Lock)
        {
            IStateStack? state = null;
            var lineStart = 0;
            var cost = 0L;
            while (lineStart <= code.Length && cost <= MaxBlockCost)
            {
                var nl = code.IndexOf('\n', lineStart);
                var lineEnd = nl < 0 ? code.Length : nl;
                if (lineEnd - lineStart > MaxLineLength)
                {
                    if (nl < 0) break;
                    lineStart = nl + 1;
                    continue;
                }
                var line = code.Substring(lineStart, lineEnd - lineStart);
                var result = slot.Grammar.TokenizeLine(line, state, LineTimeout);
                state = result.RuleStack;
                cost += (long)result.Tokens.Length * System.Math.Max(line.Length, 1);
                foreach (var t in result.Tokens)
                {
                    var start = System.Math.Min(t.StartIndex, line.Length);
                    var end = System.Math.Min(t.EndIndex, line.Length);
                    if (end <= start) continue;
                    var kind = ScopeMap.Map(t.Scopes, line.AsSpan(start, end - start));
                    tokens.Add(lineStart + start, lineStart + end, kind);
                }
                if (nl < 0) break;
                lineStart = nl + 1;
            }
        }
    }

    /// <summary>Raw TextMate tokens with their scopes and mapped kind; for inspecting grammars.</summary>
    public IEnumerable<(int Line, string Text, string Scopes, TokenKind Kind)> Debug(string code, string languageId)
    {
        var slot = Slot(languageId) ?? throw new ArgumentException($"no TextMate grammar for '{languageId}'", nameof(languageId));
        var result = new List<(int, string, string, TokenKind)>();
        lock (slot.Lock)
        {
            IStateStack? state = null;
            var lines = code.Split('\n');
            for (var n = 0; n < lines.Length; n++)
            {
                var line = lines[n];
                var r = slot.Grammar.TokenizeLine(line, state, LineTimeout);
                state = r.RuleStack;
                foreach (var t in r.Tokens)
                {
                    var start = System.Math.Min(t.StartIndex, line.Length);
                    var end = System.Math.Min(t.EndIndex, line.Length);
                    if (end <= start) continue;
                    var text = line.Substring(start, end - start);
                    result.Add((n + 1, text, string.Join(" ", t.Scopes.Skip(1)), ScopeMap.Map(t.Scopes, text)));
                }
            }
        }
        return result;
    }
}
