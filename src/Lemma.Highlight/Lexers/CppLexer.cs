using Lemma.Highlight.Lexing;

namespace Lemma.Highlight.Lexers;

/// <summary>
/// C, C++ and CUDA, shaped after VS Code's C/C++ grammars: preprocessor directives and include paths, primitive types,
/// storage modifiers, scope qualifiers (<c>std::</c>) as types, calls and member calls, object access, parameters of
/// definitions, template parameter lists, raw strings <c>R"x(…)x"</c>, escapes and printf placeholders, number
/// suffixes and digit separators, CUDA qualifiers and built-in index variables. CUDA launches (<c>&lt;&lt;&lt;…&gt;&gt;&gt;</c>)
/// are operators there, so here too.
/// </summary>
public sealed partial class CppLexer : ILexer
{
    public static readonly CppLexer C = new(Dialect.C);
    public static readonly CppLexer Cpp = new(Dialect.Cpp);
    public static readonly CppLexer Cuda = new(Dialect.Cuda);

    public enum Dialect { C, Cpp, Cuda }

    private readonly Dialect _dialect;

    private CppLexer(Dialect dialect) => _dialect = dialect;

    private static readonly string[] Keywords = Scan.Words(
        "alignas alignof asm break case catch class concept const const_cast consteval constexpr constinit continue co_await " +
        "co_return co_yield decltype default delete do dynamic_cast else enum explicit export extern final for friend goto if " +
        "import inline module mutable namespace new noexcept operator override private protected public register " +
        "reinterpret_cast requires restrict return sizeof static static_assert static_cast struct switch template " +
        "thread_local throw try typedef typeid typename union using virtual volatile while _Alignas _Alignof _Atomic " +
        "_Generic _Noreturn _Static_assert _Thread_local");
    private static readonly string[] CudaKeywords = Scan.Words(
        "__global__ __device__ __host__ __shared__ __constant__ __managed__ __restrict__ __forceinline__ __noinline__ __launch_bounds__");
    private static readonly string[] Types = Scan.Words(
        "auto bool char char8_t char16_t char32_t double float int long short signed unsigned void wchar_t " +
        "size_t ssize_t ptrdiff_t intptr_t uintptr_t int8_t int16_t int32_t int64_t uint8_t uint16_t uint32_t uint64_t " +
        "_Bool _Complex " +
        // BSD's short names, types in both grammars (the *_t names have a rule of their own)
        "u_char u_short u_int u_long ushort uint");
    // the built-in index variables are types to VS Code's CUDA grammar, but objects right after '(' or '['
    private static readonly string[] CudaBuiltins = Scan.Words("blockIdx blockDim threadIdx gridDim warpSize");
    // CUDA's vector types, as that grammar lists them (it has no long4)
    private static readonly string[] CudaTypes = Scan.Words(
        "dim3 char1 char2 char3 char4 uchar1 uchar2 uchar3 uchar4 short1 short2 short3 short4 ushort1 ushort2 ushort3 ushort4 " +
        "int1 int2 int3 int4 uint1 uint2 uint3 uint4 long1 long2 long3 ulong1 ulong2 ulong3 ulong4 longlong1 longlong2 " +
        "longlong3 longlong4 ulonglong1 ulonglong2 ulonglong3 ulonglong4 float1 float2 float3 float4 double1 double2 double3 " +
        "double4");
    private static readonly string[] Constants = Scan.Words("true false nullptr NULL");

    public void Lex(string s, int start, int end, TokenList t)
    {
        var i = start;
        var lastKind = TokenKind.Text;   // kind of the previous significant token
        var lastChar = '\0';             // previous significant character
        var lastWord = "";               // previous keyword, if the previous token was one
        var paramDepth = -1;             // paren depth of a definition's parameter list
        var templateDepth = 0;           // open template-parameter angle brackets
        var depth = 0;
        var typeNameNext = false;        // after class/struct/namespace/enum/typename
        var scopeHead = false;           // a class/struct/namespace head is open: its '{' opens a scope, not a block
        ulong blocks = 0;                // bit n: brace n (n < 64) opened a block of statements
        ulong enums = 0;                 // bit n: brace n (n < 64) opened an enum's body
        ulong classes = 0;               // bit n: brace n (n < 64) opened a class, struct or union body
        var headWord = "";               // the keyword of the open scope head
        var classHead = false;           // the open scope head is a class, struct or union
        var braces = 0;
        var ternary = 0;                 // open '?' awaiting their ':'
        var returnType = false;          // the last name was a function's return type: its * and & are keywords
        var operatorName = false;        // after 'operator' at declaration level: the next '(' opens its parameters
        var templateParams = false;      // the open template brackets are a template's parameter list, not arguments
        var aliasName = false;           // after 'using': the alias's name, if '=' follows
        var aliasType = false;           // right of 'using X =', up to ';': names are types
        var attribute = false;           // inside [[ … ]]
        var namespaceTail = false;       // after a namespace's name, before its '{': macros such as _GLIBCXX_VISIBILITY(default)
        var defaultType = false;         // after '=' in a template's parameters: the default's first name
        var typenameDepth = int.MinValue; // template depth of an open 'typename a::b<…>::c' chain
        var afterHead = false;           // after a definition's parameters, before its body or ';'
        var innerTemplate = 0;           // template depth of a template template parameter's own list
        var typeParenDepth = -1;         // paren depth of a function type's plain parentheses in template arguments
        var moreParams = false;          // the parameters just closed and another '(' follows
        var plainParam = false;          // the name of a template parameter that VS Code leaves plain
        while (i < end)
        {
            var c = s[i];
            if (c is ' ' or '\t' or '\n' or '\r' or '\f')
            {
                if (c == '\n' && aliasType) { aliasType = false; templateDepth = 0; } // VS Code's alias rule holds for one line
                i++;
                continue;
            }

            if (c == '/' && i + 1 < end && s[i + 1] == '/') { var e = Scan.LineEnd(s, i, end); t.Add(i, e, TokenKind.Comment); i = e; continue; }
            if (c == '/' && i + 1 < end && s[i + 1] == '*')
            {
                var close = s.IndexOf("*/", i + 2, end - i - 2, StringComparison.Ordinal);
                var e = close < 0 ? end : close + 2;
                t.Add(i, e, TokenKind.Comment);
                i = e;
                continue;
            }
            if (c == '#' && Scan.AtLineStart(s, i, start)) { i = Directive(s, i, end, t); lastKind = TokenKind.Keyword; lastChar = '#'; continue; }

            if (Scan.IsIdentStart(c))
            {
                var e = Scan.Ident(s, i, end);
                // String and character prefixes: u8"", L'', R"(...)", u8R"(...)".
                if (e < end && s[e] is '"' or '\'' && IsStringPrefix(s.AsSpan(i, e - i)))
                {
                    i = s[e] == '"' && s[e - 1] == 'R' ? RawString(s, i, e, end, t) : Quoted(s, i, e, end, t);
                    lastKind = TokenKind.String; lastChar = '"';
                    continue;
                }
                var word = s.AsSpan(i, e - i);
                var next = SkipSpace(s, e, end);
                var nc = next < end ? s[next] : '\0';
                var afterAccess = lastChar == '.' && !(i >= 3 && s[i - 1] is ' ' or '\t' or '.' && s.AsSpan(PrevSignificant(s, i, start) - 2, 3) is "...") || lastChar == '>' && i >= 2 && s[PrevSignificant(s, i, start)] == '>' && s[PrevSignificant(s, i, start) - 1] == '-';
                TokenKind kind;
                var inParams = paramDepth == depth - 1 && depth > 0;
                var startsPlainParam = false;
                var pack = nc == '.' && next + 2 < end && s[next + 1] == '.' && s[next + 2] == '.';
                // VS Code's C grammar leaves the name after struct/enum/union plain; its C++ grammar makes it a type
                if (attribute && !Scan.In(Keywords, word)) kind = nc == ':' ? TokenKind.Type : TokenKind.Builtin; // [[nodiscard, gnu::cold]]
                else if (pack && _dialect != Dialect.C && !Scan.In(Keywords, word) && !(templateParams && templateDepth == 1 && DeclaresName(s, e, end) != 'x'))
                    kind = TokenKind.Text; // _Args... (a pack expansion), not template<size_t... _Idx>
                else if (word is "template" && templateParams && templateDepth >= 1 && _dialect != Dialect.C)
                {
                    kind = TokenKind.Text; // template<template<typename> class _Op>: the inner list is plain to VS Code
                    innerTemplate = templateDepth + 1;
                }
                else if (innerTemplate > 0 && templateDepth == innerTemplate) kind = TokenKind.Text;
                else if (word is "operator" && _dialect != Dialect.C && (depth > 0 && !inParams || lastChar == ':' && InBlock(blocks, braces)))
                    kind = TokenKind.Text; // f(operator+=), base::operator=(x): VS Code's operator rule wants a declaration
                else if (word is "decltype" && _dialect != Dialect.C) kind = TokenKind.Type; // as VS Code's C++ grammar scopes it
                else if (word is "explicit" && nc == '(' && _dialect != Dialect.C) kind = TokenKind.Function; // explicit(cond)
                else if (word is "operator" && nc == '(' && _dialect != Dialect.C && FirstOnLine(s, i) && InClassBody(classes, braces))
                    kind = TokenKind.Function; // operator()(…) starting its line in a class: a constructor's shape to VS Code
                else if (namespaceTail) kind = TokenKind.Type; // namespace std _GLIBCXX_VISIBILITY(default)
                else if (templateParams && templateDepth == 1 && lastChar is ':' or '=' && nc is ',' or '>' && !Scan.In(Constants, word))
                    kind = TokenKind.Keyword; // <typename = void>, <bool = X<_Tp>::value>: a lone word ends a parameter as VS Code sees it
                else if (defaultType && !Scan.In(Keywords, word) && !Scan.In(Constants, word) && !BeforeScope(s, e, end) && !word.EndsWith("_t")) kind = TokenKind.Text; // = is_same<…>
                else if (plainParam) kind = TokenKind.Text;
                else if (templateParams && templateDepth == 1 && FirstOnLine(s, i) && (nc == '=' || DeclaresName(s, e, end) == '=' && word is not ("typename" or "class")))
                {
                    // a parameter with a default on a line of its own: VS Code's parameter rule starts after '<' or ','
                    kind = Scan.In(Types, word) ? TokenKind.Type : TokenKind.Text;
                    startsPlainParam = nc != '=';
                }
                else if (word is "typename" or "class" && templateParams && templateDepth == 1 && nc == '=')
                    kind = TokenKind.Type; // template<typename = void>: VS Code takes the keyword for the parameter's name
                else if (aliasName && nc == '=' && (next + 1 >= end || s[next + 1] != '='))
                {
                    // the right side is a type if it ends on this line (VS Code's rule is line by line)
                    kind = TokenKind.Type;
                    aliasName = false;
                    aliasType = s.IndexOf(';', next, Scan.LineEnd(s, next, end) - next) > 0;
                }
                else if (templateParams && templateDepth == 1 && !Scan.In(Keywords, word) && DeclaresName(s, e, end) != 'x')
                    kind = TokenKind.Keyword; // template<size_t _Nm, bool _B>: as VS Code scopes them
                else if (typeNameNext && !Scan.In(Keywords, word))
                {
                    kind = _dialect == Dialect.C && lastWord is "struct" or "enum" or "union" ? TokenKind.Text : TokenKind.Type;
                    typeNameNext = false;
                    namespaceTail = lastWord is "namespace" && _dialect != Dialect.C && Scan.IsIdentStart(nc);
                    // namespace cg = cooperative_groups;: the names aliased are types, as after using X =
                    if (lastWord is "namespace" && _dialect != Dialect.C && nc == '=') aliasType = s.IndexOf(';', next, Scan.LineEnd(s, next, end) - next) > 0;
                    // struct __array_traits<_Tp, 0>: a specialisation's arguments
                    if (_dialect != Dialect.C && nc == '<' && next == e && TemplateArgumentsEnd(s, e, end) > e && templateDepth <= 0) templateDepth = -1;
                }
                else if (scopeHead && _dialect != Dialect.C && !Scan.In(Keywords, word) && templateDepth <= 0
                         && (lastChar is ':' or ',' || lastWord is "public" or "private" or "protected" or "virtual"))
                {
                    kind = TokenKind.Type; // a base class, or namespace a::b
                    if (nc == '<' && next == e && TemplateArgumentsEnd(s, e, end) > e && templateDepth <= 0) templateDepth = -1;
                }
                else if (word is "typename" or "class" && templateDepth > 0 && UnnamedPack(s, e, end))
                    kind = TokenKind.Text; // template<typename...>: VS Code's parameter rule needs a name
                else if (typenameDepth == templateDepth && lastChar == ':' && !Scan.In(Keywords, word))
                    kind = TokenKind.Type; // typename _Alloc_traits::pointer: the name a typename qualifies
                else if (_dialect != Dialect.C && lastChar is '{' or ',' && depth == 0 && InEnumBody(enums, braces) && !Scan.In(Keywords, word))
                    kind = TokenKind.Constant; // an enumerator
                else if (afterAccess && _dialect != Dialect.C && lastChar == '>' && (ArrowAfter(s, i, start) == '}' || !InBlock(blocks, braces)))
                {
                    // a trailing return type, or a requirement's concept: a type after a definition's head (VS Code's
                    // rule needs the head on one line), plain elsewhere
                    kind = afterHead ? TokenKind.Type : TokenKind.Text;
                    if (kind == TokenKind.Type && nc == '<' && TemplateArgumentsEnd(s, e, end) > e && templateDepth <= 0) templateDepth = -1;
                }
                else if (afterAccess) kind = nc == '(' ? TokenKind.Function : (_dialect == Dialect.Cuda && lastKind == TokenKind.Text ? TokenKind.Text : TokenKind.Property);
                else if (_dialect == Dialect.Cuda && Scan.In(CudaBuiltins, word))
                    kind = nc == '.' && lastChar is '(' or '[' ? TokenKind.Variable : TokenKind.Type; // f(threadIdx.x), a[threadIdx.x]: an object
                else if (word is "__launch_bounds__" && nc == '(' && _dialect == Dialect.Cuda)
                    kind = TokenKind.Function; // VS Code's CUDA grammar takes it for the name of the function being defined
                else if (Scan.In(Keywords, word) || _dialect == Dialect.Cuda && Scan.In(CudaKeywords, word))
                {
                    kind = TokenKind.Keyword;
                    if (word is "class" or "struct" or "namespace" or "enum" or "union" or "typename" && nc != '{') typeNameNext = true;
                    if (word is "class" or "struct" or "namespace" or "enum" or "union" or "extern") { scopeHead = true; if (lastWord is not "enum") headWord = word.ToString(); } // enum class: an enum
                    if (word is "class" or "struct" or "union" && templateDepth <= 0 && lastWord is not "enum") classHead = true;
                    if (word is "template" && nc == '<') { templateDepth = -1; templateParams = true; } // the next '<' opens a parameter list
                    if (word is "using" && _dialect != Dialect.C) aliasName = true;
                    if (word is "typename" or "class" && templateDepth > 0) typeNameNext = true;
                }
                else if (Scan.In(Types, word) || _dialect == Dialect.Cuda && Scan.In(CudaTypes, word)) kind = TokenKind.Type;
                else if (Scan.In(Constants, word)) kind = TokenKind.Constant;
                else if (word is "this") kind = TokenKind.Builtin;
                else if (IsPredefinedMacro(word)) kind = TokenKind.Type;
                else if (nc == ':' && next + 1 < end && s[next + 1] == ':') kind = TokenKind.Type;
                else if (nc == '(') kind = TokenKind.Function;
                else if (nc == '.' || nc == '-' && next + 1 < end && s[next + 1] == '>') kind = TokenKind.Variable;
                else if (nc == '[') kind = TokenKind.Variable;
                else if (nc == '<' && next == e && TemplateArgumentsEnd(s, e, end) is var close && close > e
                         && (close < end && s[close] == '(' || braces == 0 || paramDepth >= 0 || aliasType || scopeHead && headWord is not "extern" || templateDepth > 0
                             || !InBlock(blocks, braces) && DeclaresName(s, close, end) == '(' // const pair<T, U>& f(…)
                             || close + 1 < end && s[close] == ':' && s[close + 1] == ':'))
                {
                    // name<…>( is a call of a function template; name<…> at file level or in parameters a type.
                    kind = close < end && s[close] == '(' ? TokenKind.Function : TokenKind.Type;
                    if (templateDepth <= 0) templateDepth = -1; // nested in arguments, the '<' case counts it
                }
                else if (inParams && nc is ',' or ')' or '=' or '[' && IsAfterDeclarator(lastKind, lastChar)) kind = TokenKind.Variable;
                else if (word.Length > 2 && word.EndsWith("_t")) kind = TokenKind.Type; // size_t, pthread_attr_t: both grammars
                else if (_dialect != Dialect.C && IsDeclaredType(s, i, e, end, start, lastKind, lastChar, lastWord, inParams, InBlock(blocks, braces)))
                {
                    kind = TokenKind.Type;
                    returnType = !inParams;
                }
                else if (lastChar == ':' && templateDepth <= 0 && !aliasType && AfterTemplateScope(s, i, start)) kind = TokenKind.Text; // a<b>::value
                else if (templateDepth > 0 || aliasType && !Scan.In(Keywords, word)) kind = TokenKind.Type;
                else kind = TokenKind.Text;
                if (kind == TokenKind.Function && templateDepth > 0 && _dialect != Dialect.C && innerTemplate == 0)
                {
                    // in template arguments, _Res(_Args...) and __is_same(_Tp, _Up) are types with plain parentheses to VS Code
                    kind = TokenKind.Type;
                    if (nc == '(' && typeParenDepth < 0) typeParenDepth = depth;
                }
                if (kind == TokenKind.Function && nc == '(' && paramDepth < 0 && !InBlock(blocks, braces)
                    && (_dialect != Dialect.C && FirstOnLine(s, i)
                        // VS Code matches a definition's head on one line: a name that starts its line is a call, except
                        // in a class body, where it is taken for a constructor
                        ? InClassBody(classes, braces)
                        : IsDefinitionContext(lastKind, lastChar, lastWord))
                    && !(_dialect != Dialect.C && AfterExternString(s, i, start)))
                    paramDepth = depth; // the '(' that follows opens a parameter list
                t.Add(i, e, kind);
                defaultType = kind == TokenKind.Type && word is "typename" or "class"; // the next name is its default
                plainParam = startsPlainParam;
                if (word is "typename" && kind == TokenKind.Keyword) typenameDepth = templateDepth;
                else if (typenameDepth == templateDepth && !(nc == '<' || nc == ':' && next + 1 < end && s[next + 1] == ':')) typenameDepth = int.MinValue;
                lastKind = kind;
                lastWord = kind == TokenKind.Keyword ? word.ToString() : "";
                if (word is not "using") aliasName = false;
                if (kind != TokenKind.Type) returnType = false;
                if (word is "operator" && kind == TokenKind.Keyword && paramDepth < 0 && !InBlock(blocks, braces)) operatorName = true;
                lastChar = s[e - 1];
                i = e;
                continue;
            }

            if (char.IsAsciiDigit(c) || c == '.' && i + 1 < end && char.IsAsciiDigit(s[i + 1]))
            {
                var e = Scan.Number(s, i, end, quoteSeparator: true);
                t.Add(i, e, TokenKind.Number);
                lastKind = TokenKind.Number; lastChar = '0';
                i = e;
                continue;
            }
            if (c is '"' or '\'') { i = Quoted(s, i, i, end, t); lastKind = TokenKind.String; lastChar = '"'; continue; }
            if (c == '\\' && IsContinuation(s, i, end)) { t.Add(i, i + 1, TokenKind.Escape); i++; continue; }

            TokenKind pk;
            var len = 1;
            switch (c)
            {
                case '(' or ')' when namespaceTail:
                    pk = TokenKind.Text;
                    break;
                case '(' when lastWord is "operator" && i + 1 < end && s[i + 1] == ')' && _dialect != Dialect.C:
                    pk = TokenKind.Operator; // operator()
                    len = 2;
                    break;
                case '(' when typeParenDepth == depth && templateDepth > 0:
                    depth++;
                    pk = TokenKind.Text;
                    break;
                case ')' when typeParenDepth >= 0 && typeParenDepth == depth - 1:
                    depth--;
                    typeParenDepth = -1;
                    pk = TokenKind.Text;
                    break;
                case '(' when moreParams:
                    moreParams = false;
                    paramDepth = depth;
                    depth++;
                    pk = TokenKind.Punctuation;
                    break;
                case '(':
                    // operator=( and operator()( : the parameters, as after a function's name
                    if (operatorName && !(i + 2 < end && s[i + 1] == ')' && s[i + 2] == '(')) { paramDepth = depth; operatorName = false; }
                    depth++;
                    pk = TokenKind.Punctuation;
                    break;
                case ')':
                    if (depth > 0) depth--;
                    if (paramDepth == depth)
                    {
                        paramDepth = -1;
                        afterHead = true;
                        // UNDEF(name)(WINDOW *win): VS Code takes a second parenthesis for the parameters
                        var n = SkipSpace(s, i + 1, end);
                        moreParams = _dialect != Dialect.C && n < end && s[n] == '(';
                    }
                    pk = TokenKind.Punctuation;
                    break;
                case '{':
                    if (braces < 64 && !scopeHead) blocks |= 1UL << braces;
                    else if (braces < 64) blocks &= ~(1UL << braces);
                    if (braces < 64 && scopeHead && classHead) classes |= 1UL << braces;
                    else if (braces < 64) classes &= ~(1UL << braces);
                    if (braces < 64 && scopeHead && headWord is "enum") enums |= 1UL << braces;
                    else if (braces < 64) enums &= ~(1UL << braces);
                    braces++;
                    afterHead = false;
                    scopeHead = false;
                    namespaceTail = false;
                    classHead = false;
                    paramDepth = -1;
                    pk = TokenKind.Punctuation;
                    break;
                case '}':
                    if (braces > 0) braces--;
                    pk = TokenKind.Punctuation;
                    break;
                case '[' when i + 1 < end && s[i + 1] == '[' && _dialect != Dialect.C:
                    attribute = true;
                    pk = TokenKind.Punctuation;
                    len = 2;
                    break;
                case ']' when attribute && i + 1 < end && s[i + 1] == ']':
                    attribute = false;
                    pk = TokenKind.Punctuation;
                    len = 2;
                    break;
                case '[' or ']' or ';' or ',':
                    if (c == ',' && templateDepth > 0) typeNameNext = false; // template<typename, typename>
                    if (c == ';')
                    {
                        paramDepth = -1; scopeHead = false; afterHead = false; namespaceTail = false; classHead = false; aliasName = false; templateParams = false;
                        if (aliasType) templateDepth = 0;
                        aliasType = false;
                    }
                    pk = TokenKind.Punctuation;
                    break;
                case ':' when i + 1 < end && s[i + 1] == ':':
                    pk = TokenKind.Punctuation;
                    len = 2;
                    break;
                case '<' when templateDepth == -1 || templateDepth > 0 && !(i + 1 < end && s[i + 1] == '<'):
                    templateDepth = templateDepth == -1 ? 1 : templateDepth + 1;
                    pk = TokenKind.Punctuation;
                    break;
                case '>' when templateDepth > 0:
                    if (templateDepth == innerTemplate) innerTemplate = 0;
                    templateDepth--;
                    if (templateDepth == 0) templateParams = false;
                    pk = TokenKind.Punctuation;
                    break;
                case '*' or '&' when (paramDepth == depth - 1 && depth > 0 || returnType) && _dialect != Dialect.C:
                    pk = TokenKind.Keyword;
                    if (c == '&' && i + 1 < end && s[i + 1] == '&') len = 2;
                    break;
                case ':' when ternary > 0:
                    ternary--;
                    pk = TokenKind.Operator;
                    break;
                case ':':
                    // a base-class list on a line of its own: VS Code matches a class head's ':' on the head's line only
                    pk = scopeHead && _dialect != Dialect.C && FirstOnLine(s, i) ? TokenKind.Text : TokenKind.Punctuation;
                    break;
                case '?':
                    ternary++;
                    pk = TokenKind.Operator;
                    break;
                case '-' when i + 1 < end && s[i + 1] == '>' && _dialect != Dialect.C:
                    // member access, as the C++ grammar scopes it; after a head VS Code takes for a call, an operator
                    pk = !InBlock(blocks, braces) && !afterHead && lastChar != '}' ? TokenKind.Operator : TokenKind.Punctuation;
                    len = 2;
                    break;
                case '.' when i + 2 < end && s[i + 1] == '.' && s[i + 2] == '.' && lastKind == TokenKind.Keyword:
                    pk = TokenKind.Punctuation; // typename... and sizeof...
                    len = 3;
                    break;
                case '.':
                    // VS Code's CUDA grammar leaves the '.' after blockIdx and friends (as types) unscoped.
                    pk = _dialect == Dialect.Cuda && lastKind == TokenKind.Type && Scan.IsIdentPart(lastChar) ? TokenKind.Text : TokenKind.Punctuation;
                    if (i + 2 < end && s[i + 1] == '.' && s[i + 2] == '.')
                    {
                        len = 3;
                        // a pack expansion right after a name or ')' is plain in VS Code's C++ grammar
                        if (_dialect != Dialect.C && i > start && (Scan.IsIdentPart(s[i - 1]) || s[i - 1] == ')') && lastWord is not ("typename" or "class"))
                            pk = TokenKind.Text;
                    }
                    break;
                default:
                    if ("+-*/%=<>!&|^~?".Contains(c))
                    {
                        pk = TokenKind.Operator;
                        while (i + len < end && len < 2 && "+-=<>&|".Contains(s[i + len]) && !(s[i + len] is '<' or '>' && c is not ('<' or '>' or '-'))) len++;
                        if (c == '=' && len == 1 && templateParams && templateDepth == 1) defaultType = true;
                    }
                    else pk = TokenKind.Text;
                    break;
            }
            t.Add(i, i + len, pk);
            if (pk != TokenKind.Keyword) returnType = false;
            lastKind = pk;
            lastChar = s[i + len - 1];
            lastWord = "";
            i += len;
        }
    }
}
