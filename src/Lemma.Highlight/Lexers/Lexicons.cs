using Lemma.Highlight.Lexing;

namespace Lemma.Highlight.Lexers;

/// <summary>
/// Languages that TextMateSharp.Grammars 2.0.5 ships no grammar for (or, for Swift, one that leaves type bodies
/// uncoloured), read by <see cref="LexiconLexer"/>. Word lists follow each language's reference.
/// </summary>
public static class Lexicons
{
    private static readonly (string, string)[] SlashStar = [("/*", "*/")];

    public static readonly LexiconLexer Swift = new(new Lexicon
    {
        LineComments = ["//"], BlockComments = SlashStar, NestedComments = true, TripleQuotes = true,
        Keywords = Scan.Words(
            "actor any as associatedtype async await borrowing break case catch class consume consuming continue convenience " +
            "default defer deinit didSet do dynamic else enum extension fallthrough fileprivate final for func get guard if " +
            "import in indirect infix init inout internal is lazy let macro mutating nonisolated nonmutating open operator " +
            "optional override package postfix precedencegroup prefix private protocol public repeat required rethrows return " +
            "set some static struct subscript switch throw throws try typealias unowned var weak where while willSet"),
        Types = Scan.Words("Any AnyObject Array Bool Character Dictionary Double Float Int Int16 Int32 Int64 Int8 Never Optional Result Set String UInt UInt8 Void"),
        Constants = Scan.Words("false nil true"),
        Builtins = Scan.Words("Self self super print"),
        FunctionIntroducers = Scan.Words("func"),
        TypeIntroducers = Scan.Words("actor class enum extension protocol struct typealias"),
        CapitalizedAreTypes = true, AtName = TokenKind.Decorator, HashKeywords = true,
    });

    public static readonly LexiconLexer Kotlin = new(new Lexicon
    {
        LineComments = ["//"], BlockComments = SlashStar, NestedComments = true, TripleQuotes = true,
        Keywords = Scan.Words(
            "abstract actual annotation as break by catch class companion const constructor continue crossinline data do " +
            "else enum expect external final finally for fun get if import in infix init inline inner interface internal is " +
            "lateinit noinline object open operator out override package private protected public reified return sealed set " +
            "suspend tailrec throw try typealias val value var vararg when where while"),
        Types = Scan.Words("Any Array Boolean Byte Char Double Float Int List Long Map MutableList MutableMap Nothing Set Short String Unit"),
        Constants = Scan.Words("false null true"),
        Builtins = Scan.Words("it listOf mapOf mutableListOf mutableMapOf println require requireNotNull check error setOf super this"),
        FunctionIntroducers = Scan.Words("fun"),
        TypeIntroducers = Scan.Words("class interface object typealias"),
        CapitalizedAreTypes = true, AtName = TokenKind.Decorator,
    });

    public static readonly LexiconLexer Scala = new(new Lexicon
    {
        LineComments = ["//"], BlockComments = SlashStar, NestedComments = true, TripleQuotes = true,
        Keywords = Scan.Words(
            "abstract case catch class def derives do else end enum export extends extension final finally for given if " +
            "implicit import inline lazy match new object opaque open override package private protected return sealed then " +
            "throw trait transparent try type using val var while with yield"),
        Types = Scan.Words("Any AnyRef Array Boolean Byte Char Double Either Float Future Int List Long Map Nothing Option Seq Set Short String Unit Vector"),
        Constants = Scan.Words("false null true None Nil"),
        Builtins = Scan.Words("println super this"),
        FunctionIntroducers = Scan.Words("def"),
        TypeIntroducers = Scan.Words("class enum object trait type"),
        StringPrefixes = Scan.Words("f raw s"),
        CapitalizedAreTypes = true, AtName = TokenKind.Decorator,
    });

    public static readonly LexiconLexer Haskell = new(new Lexicon
    {
        LineComments = ["--"], BlockComments = [("{-", "-}")], NestedComments = true,
        Keywords = Scan.Words(
            "as case class data default deriving do else family forall foreign hiding if import in infix infixl infixr " +
            "instance let mdo module newtype of pattern proc qualified rec then type where"),
        Constants = Scan.Words("False True"),
        Builtins = Scan.Words(
            "concatMap error filter foldl foldr fmap fst head length lines map mapM mapM_ maximum minimum not otherwise pure " +
            "print putStr putStrLn read return show snd sum tail undefined unlines unwords words zip zipWith"),
        TypeIntroducers = Scan.Words("class data instance newtype type"),
        CapitalizedAreTypes = true, CallsAreFunctions = false, LineStartNamesAreFunctions = true, PrimesInNames = true,
    });

    public static readonly LexiconLexer OCaml = new(new Lexicon
    {
        BlockComments = [("(*", "*)")], NestedComments = true, SingleQuote = QuoteRule.CharOrTypeVariable,
        Keywords = Scan.Words(
            "and as asr assert begin class constraint do done downto else end exception external for fun function functor if " +
            "in include inherit initializer land lazy let lor lsl lsr lxor match method mod module mutable new nonrec object " +
            "of open or private rec sig struct then to try type val virtual when while with"),
        Types = Scan.Words("array bool bytes char exn float int int32 int64 list option string unit"),
        Constants = Scan.Words("false true"),
        Builtins = Scan.Words("decr failwith fst ignore incr invalid_arg not print_endline print_string printf raise ref snd"),
        TypeIntroducers = Scan.Words("exception module type"),
        CapitalizedAreTypes = true, CallsAreFunctions = false, PrimesInNames = true,
    });

    public static readonly LexiconLexer Zig = new(new Lexicon
    {
        LineComments = ["//"], LineString = "\\\\",
        Keywords = Scan.Words(
            "addrspace align allowzero and anyframe anytype asm async await break callconv catch comptime const continue defer " +
            "else enum errdefer error export extern fn for if inline linksection noalias noinline nosuspend opaque or orelse " +
            "packed pub resume return struct suspend switch test threadlocal try union unreachable usingnamespace var volatile while"),
        Types = Scan.Words(
            "anyerror anyopaque bool c_int c_long c_uint comptime_float comptime_int f128 f16 f32 f64 f80 i128 i16 i32 i64 i8 " +
            "isize noreturn type u128 u16 u32 u64 u8 usize void"),
        Constants = Scan.Words("false null true undefined"),
        FunctionIntroducers = Scan.Words("fn"),
        CapitalizedAreTypes = true, AtName = TokenKind.Builtin,
    });

    public static readonly LexiconLexer Nix = new(new Lexicon
    {
        LineComments = ["#"], BlockComments = SlashStar, LongString = "''", SingleQuote = QuoteRule.Char,
        Keywords = Scan.Words("assert else if in inherit let or rec then with"),
        Constants = Scan.Words("false null true"),
        Builtins = Scan.Words("abort baseNameOf builtins derivation dirOf fetchTarball import isNull map removeAttrs throw toString"),
        CallsAreFunctions = false, PropertyBefore = '=',
    });

    public static readonly LexiconLexer GraphQL = new(new Lexicon
    {
        LineComments = ["#"], TripleQuotes = true,
        Keywords = Scan.Words(
            "directive enum extend fragment implements input interface mutation on query repeatable scalar schema subscription type union"),
        Types = Scan.Words("Boolean Float ID Int String"),
        Constants = Scan.Words("false null true"),
        TypeIntroducers = Scan.Words("enum fragment input interface scalar type union"),
        CapitalizedAreTypes = true, CallsAreFunctions = false, PropertyBefore = ':', AtName = TokenKind.Decorator, DollarVariables = true,
    });

    public static readonly LexiconLexer Protobuf = new(new Lexicon
    {
        LineComments = ["//"], BlockComments = SlashStar, SingleQuote = QuoteRule.String,
        Keywords = Scan.Words(
            "edition enum extend extensions group import map max message oneof option optional package public repeated " +
            "required reserved returns rpc service stream syntax to weak"),
        Types = Scan.Words("bool bytes double fixed32 fixed64 float int32 int64 sfixed32 sfixed64 sint32 sint64 string uint32 uint64"),
        Constants = Scan.Words("false inf nan true"),
        FunctionIntroducers = Scan.Words("rpc"),
        TypeIntroducers = Scan.Words("enum message service"),
        CapitalizedAreTypes = true, CallsAreFunctions = false,
    });

    public static readonly LexiconLexer Matlab = new(new Lexicon
    {
        LineComments = ["%"], BlockComments = [("%{", "%}")], BlockCommentsAtLineStart = true, SingleQuote = QuoteRule.StringOrTranspose,
        Keywords = Scan.Words(
            "arguments break case catch classdef continue else elseif end enumeration events for function global if methods " +
            "otherwise parfor persistent properties return spmd switch try while"),
        Constants = Scan.Words("Inf NaN eps false pi true"),
        Builtins = Scan.Words(
            "abs all any disp error exp figure find fprintf grid hold isempty legend length linspace log max mean min num2str " +
            "numel ones plot rand randn reshape size sprintf sqrt sum title xlabel ylabel zeros"),
        CallsAreFunctions = false,
    });
}
