using System.Net;
using System.Text.RegularExpressions;

namespace Lemma.Highlight.Tests;

/// <summary>
/// Snippets in the shape of real files (system headers and scripts, the Python standard library, PostgreSQL's scripts,
/// ripgrep, cuda-samples, this repository's patches: bench/highlight_corpus.sh) on which a hand lexer once went wrong,
/// with the kinds they must now get. Each also agrees with the TextMate reference character for character. In the
/// expectations, «kind:text» is a highlighted run.
/// </summary>
public partial class RealFileTests
{
    private static readonly Highlighter Highlighter = new();

    public static TheoryData<string, string, string> Snippets() => new()
    {
        // zdiff: an escaped quote in a case pattern, then a backtick substitution; the rest of the file was a string
        { "bash", "case $a in\n  -*\\'*) cmp=\"$cmp '\"`printf '%sX\\n' \"$arg\"`;;\nesac\nexec 3>&1",
          "«operator:*»«escape:\\'»«operator:*»«punctuation:)»" },
        { "bash", "case $a in\n  -*\\'*) cmp=\"$cmp '\"`printf '%sX\\n' \"$arg\"`;;\nesac\nexec 3>&1", "«builtin:exec» «operator:3>&1»" },
        // ldd: commands inside $( ) keep their operators and builtins (not the first word, as in VS Code); '"$@"' stays
        // one single-quoted string
        { "bash", "output=$(eval $add_env '\"$@\"' 2>&1; rc=$?; printf 'x'; exit $rc)",
          "«string:$(eval »«variable:$add_env»«string: '\"$@\"' »«operator:2>&1;»«string: rc=»«variable:$?»«operator:;»«string: »«builtin:printf»" },
        { "bash", "x=`echo a | grep b`", "«string:`echo a »«operator:|»«string: grep b`»" },
        // the | between case patterns is punctuation, and [[:alpha:]] there is no test
        { "bash", "case $f in\n  a | b) echo;;\n  [[:alpha:]]*-*) return;;\nesac\nelif xprop -root; then :; fi",
          "a «punctuation:|» b«punctuation:)»" },
        { "bash", "case $f in\n  a | b) echo;;\n  [[:alpha:]]*-*) return;;\nesac\nelif xprop -root; then :; fi", "xprop -root«operator:;» «keyword:then» «builtin::»" },
        // expansion operators as VS Code sees them, and quotes inside ${ }
        { "bash", "a=${TMPDIR:-/tmp} ${d%-*} ${GPUS:-0,1} ${1?\"$o req\"}",
          "«variable:${TMPDIR»«operator::-/»«variable:tmp}» «variable:${d»«operator:%»«variable:-»«operator:*»«variable:}»" },
        { "bash", "a=${TMPDIR:-/tmp} ${d%-*} ${GPUS:-0,1} ${1?\"$o req\"}", "«variable:0,1}» «variable:${1?»«string:\"»«variable:$o»«string: req\"»" },
        // tests: a lone = compares; != outside brackets; ~ after =; a line continuation is not an escape
        { "bash", "if [ $a = $b ]; then x=~/y; fi\ntest \"$a\" != 's' && \\\n  echo \\$x", "«variable:$a» «operator:=» «variable:$b»" },
        { "bash", "if [ $a = $b ]; then x=~/y; fi\ntest \"$a\" != 's' && \\\n  echo \\$x", "x=«operator:~»/y" },
        { "bash", "if [ $a = $b ]; then x=~/y; fi\ntest \"$a\" != 's' && \\\n  echo \\$x", "«operator:!»= «string:'s'» «operator:&&» \\" },
        { "bash", "if [ $a = $b ]; then x=~/y; fi\ntest \"$a\" != 's' && \\\n  echo \\$x", "«escape:\\$»x" },
        // glibc headers: #if conditions name macros (functions, as in VS Code), #define parameters are variables,
        // a line continuation is an escape
        { "c", "#if defined __USE_GNU || !__GLIBC_USE (ISOC2X) && X == 1\n#define assert(expr) \\\n  (__ASSERT_VOID_CAST (0))\n#endif",
          "«keyword:defined» «function:__USE_GNU» «operator:||» «operator:!»«function:__GLIBC_USE» «punctuation:(»«function:ISOC2X»«punctuation:)»" },
        { "c", "#if defined __USE_GNU || !__GLIBC_USE (ISOC2X) && X == 1\n#define assert(expr) \\\n  (__ASSERT_VOID_CAST (0))\n#endif",
          "«function:assert»«punctuation:(»«variable:expr»«punctuation:)» «escape:\\»" },
        // C: *_t names are types; a parameter's name is a variable, a struct member's is not
        { "c", "extern void globfree (glob_t *__pglob, XML_Parser parser);\nstruct a { FILE *err_stream; pthread_t id; };",
          "«punctuation:(»«type:glob_t» «operator:*»«variable:__pglob»«punctuation:,» XML_Parser «variable:parser»«punctuation:);»" },
        { "c", "extern void globfree (glob_t *__pglob, XML_Parser parser);\nstruct a { FILE *err_stream; pthread_t id; };",
          "FILE «operator:*»err_stream«punctuation:;» «type:pthread_t» id" },
        // libstdc++: predefined macros are types in C++, unless tested by defined
        { "cpp", "#if __cplusplus > 201703L && defined(__GNUC__)\n#endif", "«type:__cplusplus» «operator:>» «number:201703L»" },
        { "cpp", "#if __cplusplus > 201703L && defined(__GNUC__)\n#endif", "«keyword:defined»«punctuation:(»«function:__GNUC__»«punctuation:)»" },
        // C++: a user type that declares a parameter or a function's result is a type; a member's type is not
        { "cpp", "struct S {\n  _Storage& operator=(const _Storage&) = delete;\n  void h(memory_order __m, _Fp& __e);\n  bar y;\n};",
          "«type:_Storage»«keyword:&» «keyword:operator»" },
        { "cpp", "struct S {\n  _Storage& operator=(const _Storage&) = delete;\n  void h(memory_order __m, _Fp& __e);\n  bar y;\n};",
          "«punctuation:(»«type:memory_order» «variable:__m»«punctuation:,» «type:_Fp»«keyword:&» «variable:__e»«punctuation:);»\n  bar y" },
        // the standard library: a raw docstring is a docstring (not a regular expression), with its doctest prompts
        { "python", "class Differ:\n    r\"\"\"Compare (lines).\n    >>> d = Differ()\n    \"\"\"\n    x = r'a(b)'",
          "«string:r\"\"\"Compare (lines).»\n«string:    »«keyword:>>>»«string: d = Differ()»" },
        { "python", "class Differ:\n    r\"\"\"Compare (lines).\n    >>> d = Differ()\n    \"\"\"\n    x = r'a(b)'", "x «operator:=» «regex:r'a(b)'»" },
        // names in capitals are constants; only the special names Python defines are builtins
        { "python", "x = MISSING or _POSITIONAL_ONLY or T\ntp.__origin__, tp.__name__\ndef __typing_subst__(self): pass",
          "«constant:MISSING» «keyword:or» «constant:_POSITIONAL_ONLY» «keyword:or» T" },
        { "python", "x = MISSING or _POSITIONAL_ONLY or T\ntp.__origin__, tp.__name__\ndef __typing_subst__(self): pass",
          "tp«punctuation:.»__origin__«punctuation:,» tp«punctuation:.»«builtin:__name__»\n«keyword:def» «function:__typing_subst__»" },
        // libstdc++: an alias's right side is a type (if it ends on its line: VS Code matches line by line); a template's non-type parameters as VS Code scopes them
        { "cpp", "template<typename _Tp, size_t _Nm>\n  using _Manager = __conditional_t<_Internal<_Tp>::value, _Ext<_Tp>>;",
          "«punctuation:<»«keyword:typename» «type:_Tp»«punctuation:,» «keyword:size_t» «type:_Nm»«punctuation:>»" },
        { "cpp", "template<typename _Tp, size_t _Nm>\n  using _Manager = __conditional_t<_Internal<_Tp>::value, _Ext<_Tp>>;",
          "«keyword:using» «type:_Manager» «operator:=» «type:__conditional_t»«punctuation:<»«type:_Internal»«punctuation:<»«type:_Tp»«punctuation:>::»«type:value»«punctuation:,» «type:_Ext»" },
        // a template-id before :: is a type wherever it stands; attributes; pack expansions are plain
        { "cpp", "int f() { return __or_<is_reference<_Tp>, is_copy<_Tp>>::value; }",
          "«keyword:return» «type:__or_»«punctuation:<»«type:is_reference»«punctuation:<»«type:_Tp»«punctuation:>,» «type:is_copy»" },
        { "cpp", "struct S {\n  [[nodiscard, __gnu__::__always_inline__]] bool empty() const;\n  void f() { g(std::forward<_Args>(__args)...); }\n};",
          "«punctuation:[[»«builtin:nodiscard»«punctuation:,» «type:__gnu__»«punctuation:::»«builtin:__always_inline__»«punctuation:]]»" },
        { "cpp", "struct S {\n  [[nodiscard, __gnu__::__always_inline__]] bool empty() const;\n  void f() { g(std::forward<_Args>(__args)...); }\n};",
          "__args«punctuation:)»...«punctuation:);»" },
        // class heads: base classes and specialisations; a constructor's parameters; typename... opens a pack
        { "cpp", "class bad_any_cast : public bad_cast { };\nstruct __array_traits<_Tp, 0> {\n  _Storage(const _Storage&) = delete;\n};",
          "«keyword:class» «type:bad_any_cast» «punctuation::» «keyword:public» «type:bad_cast»" },
        { "cpp", "class bad_any_cast : public bad_cast { };\nstruct __array_traits<_Tp, 0> {\n  _Storage(const _Storage&) = delete;\n};",
          "«type:__array_traits»«punctuation:<»«type:_Tp»«punctuation:,» «number:0»«punctuation:>» «punctuation:{»\n  «function:_Storage»«punctuation:(»«keyword:const» «type:_Storage»«keyword:&»" },
        { "cpp", "template <typename _Tp, typename... _Args>\n  void __do_emplace(_Args&&... __args);",
          "«keyword:typename»«punctuation:...» «type:_Args»«punctuation:>»" },
        // VS Code matches a definition's head on one line: a name that starts its line is a call, but in a class body a constructor
        { "cpp", "namespace std {\n  void\n  splice(iterator __pos);\n  struct S {\n    void\n    swap(S& __x);\n  };\n}",
          "«function:splice»«punctuation:(»iterator __pos«punctuation:);»" },
        { "cpp", "namespace std {\n  void\n  splice(iterator __pos);\n  struct S {\n    void\n    swap(S& __x);\n  };\n}",
          "«function:swap»«punctuation:(»«type:S»«keyword:&» «variable:__x»«punctuation:);»" },
        // an unnamed pack is plain; typename = void names the parameter; a base-class list on its own line starts with a plain ':'
        { "cpp", "template<typename, typename...>\n  struct A;\ntemplate<typename _Tp, typename = void>\n  struct B\n  : public A<_Tp>\n  { };",
          "«keyword:typename»«punctuation:,» typename...«punctuation:>»" },
        { "cpp", "template<typename, typename...>\n  struct A;\ntemplate<typename _Tp, typename = void>\n  struct B\n  : public A<_Tp>\n  { };",
          "«type:typename» «operator:=» «keyword:void»«punctuation:>»" },
        { "cpp", "template<typename, typename...>\n  struct A;\ntemplate<typename _Tp, typename = void>\n  struct B\n  : public A<_Tp>\n  { };",
          "\n  : «keyword:public» «type:A»" },
        // a macro after a namespace's name is a type, its parentheses plain; decltype is a type
        { "cpp", "namespace std _GLIBCXX_VISIBILITY(default)\n{\n  template<typename _Tp>\n    constexpr decltype(auto)\n    f(_Tp x);\n}",
          "«type:std» «type:_GLIBCXX_VISIBILITY»(«type:default»)" },
        { "cpp", "namespace std _GLIBCXX_VISIBILITY(default)\n{\n  template<typename _Tp>\n    constexpr decltype(auto)\n    f(_Tp x);\n}",
          "«keyword:constexpr» «type:decltype»«punctuation:(»«type:auto»«punctuation:)»" },
        // a template's parameters over several lines: VS Code's parameter rule starts after '<' or ',' on the same line;
        // a default's name is plain, unless a type by its shape (*_t, a::)
        { "cpp", "template<typename _Tp,\n\t   bool _IsInt = is_integral<_Tp>::value,\n\t   typename = _Require<_Tp>, typename _Up = foo<_Tp>,\n\t   class _Al, typename = enable_if_t<_Tp>>\n  struct A;",
          "\t   «type:bool» _IsInt «operator:=» «type:is_integral»«punctuation:<»«type:_Tp»«punctuation:>::»«keyword:value»«punctuation:,»" },
        { "cpp", "template<typename _Tp,\n\t   bool _IsInt = is_integral<_Tp>::value,\n\t   typename = _Require<_Tp>, typename _Up = foo<_Tp>,\n\t   class _Al, typename = enable_if_t<_Tp>>\n  struct A;",
          "\t   typename «operator:=» _Require«punctuation:<»«type:_Tp»«punctuation:>,» «keyword:typename» «type:_Up» «operator:=» foo«punctuation:<»" },
        { "cpp", "template<typename _Tp,\n\t   bool _IsInt = is_integral<_Tp>::value,\n\t   typename = _Require<_Tp>, typename _Up = foo<_Tp>,\n\t   class _Al, typename = enable_if_t<_Tp>>\n  struct A;",
          "«keyword:class» «type:_Al»«punctuation:,» «type:typename» «operator:=» «type:enable_if_t»" },
        // the name a typename qualifies is a type, in a class or in a block
        { "cpp", "struct S {\n  typedef typename __make_signed<_Tp>::__type __type;\n  void f() { g(reinterpret_cast<typename _Sp::element_type*>(__r)); }\n};", "«punctuation:>::»«type:__type» __type«punctuation:;»" },
        { "cpp", "struct S {\n  typedef typename __make_signed<_Tp>::__type __type;\n  void f() { g(reinterpret_cast<typename _Sp::element_type*>(__r)); }\n};", "«keyword:typename» «type:_Sp»«punctuation:::»«type:element_type»«operator:*>»" },
        // a second parenthesis after a definition's parameters holds its parameters (cursesw's UNDEF(name)(…)); an unnamed one is a type
        { "cpp", "#ifdef mvinsch\ninline int UNDEF(mvinsch)(int y, chtype c)\n{ return mvinsch(y, c); }\n#endif", "«function:UNDEF»«punctuation:(»«type:mvinsch»«punctuation:)(»«type:int» «variable:y»«punctuation:,» «type:chtype» «variable:c»«punctuation:)»" },
        // a parameter after a template-id is a variable; a trailing return type is a type after a definition's head, plain
        // after a head VS Code takes for a call; in a block, -> is member access
        { "cpp", "namespace std {\n  auto g(iter_difference_t<_It> __n)\n    -> pair<iterator, bool>;\n  size_type\n  count(const key_type& __k) const\n  -> size_type;\n}\nvoid f() { a->b; }", "«punctuation:>» «variable:__n»«punctuation:)»\n    «punctuation:->» «type:pair»«punctuation:<»«type:iterator»" },
        { "cpp", "namespace std {\n  auto g(iter_difference_t<_It> __n)\n    -> pair<iterator, bool>;\n  size_type\n  count(const key_type& __k) const\n  -> size_type;\n}\nvoid f() { a->b; }", "«keyword:const»\n  «operator:->» size_type«punctuation:;»" },
        { "cpp", "namespace std {\n  auto g(iter_difference_t<_It> __n)\n    -> pair<iterator, bool>;\n  size_type\n  count(const key_type& __k) const\n  -> size_type;\n}\nvoid f() { a->b; }", "«variable:a»«punctuation:->»«property:b»" },
        // after extern, a template-id is no type to VS Code; before a function's name, it is its result's type
        { "cpp", "namespace std {\n  extern const _Placeholder<_Tp> _23;\n  const pair<_Tp, _Up> f();\n}", "«keyword:extern» «keyword:const» _Placeholder«operator:<»_Tp«operator:>» _23" },
        { "cpp", "namespace std {\n  extern const _Placeholder<_Tp> _23;\n  const pair<_Tp, _Up> f();\n}", "«keyword:const» «type:pair»«punctuation:<»«type:_Tp»«punctuation:,» «type:_Up»«punctuation:>» «function:f»" },
        // enumerators are constants (not the names of their values); true and false in a specialisation stay constants
        { "cpp", "namespace std {\n  enum class chars_format\n  {\n    scientific = 1, fixed = 2, general = fixed | scientific\n  };\n  template<typename _Tp>\n    struct _Optional_payload<_Tp, true, false>;\n}", "«constant:scientific» «operator:=» «number:1»«punctuation:,» «constant:fixed» «operator:=» «number:2»«punctuation:,» «constant:general» «operator:=» fixed «operator:|» scientific" },
        { "cpp", "namespace std {\n  enum class chars_format\n  {\n    scientific = 1, fixed = 2, general = fixed | scientific\n  };\n  template<typename _Tp>\n    struct _Optional_payload<_Tp, true, false>;\n}", "«type:_Tp»«punctuation:,» «constant:true»«punctuation:,» «constant:false»«punctuation:>;»" },
        // operator as a macro's argument is plain, and opens no parameter list; a template template parameter's own list is plain
        { "cpp", "__GMP_DECLARE_COMPOUND_OPERATOR(operator-=)\nX(operator+=)\ntemplate<typename _Default, template<typename...> class _Op,\n\t template<typename> class _TQual>\n  struct B;", "«function:X»«punctuation:(»operator«operator:+=»«punctuation:)»" },
        { "cpp", "__GMP_DECLARE_COMPOUND_OPERATOR(operator-=)\nX(operator+=)\ntemplate<typename _Default, template<typename...> class _Op,\n\t template<typename> class _TQual>\n  struct B;", "«punctuation:,» template«punctuation:<»typename...«punctuation:>» «keyword:class» «type:_Op»«punctuation:,»" },
        // defined without parentheses is a macro call to VS Code; in template arguments a function type or a call is a type
        { "cpp", "#if __cplusplus > 201703L || defined __STRICT_ANSI__\n#endif\ntemplate<typename _Res>\n  class _Handler<_Res(_Args...), _Functor>\n  : public integral_constant<bool, __is_same(_Tp, _Up)>\n  { };", "«operator:||» «function:defined» «type:__STRICT_ANSI__»" },
        { "cpp", "#if __cplusplus > 201703L || defined __STRICT_ANSI__\n#endif\ntemplate<typename _Res>\n  class _Handler<_Res(_Args...), _Functor>\n  : public integral_constant<bool, __is_same(_Tp, _Up)>\n  { };", "«type:_Handler»«punctuation:<»«type:_Res»(_Args...)«punctuation:,» «type:_Functor»" },
        { "cpp", "#if __cplusplus > 201703L || defined __STRICT_ANSI__\n#endif\ntemplate<typename _Res>\n  class _Handler<_Res(_Args...), _Functor>\n  : public integral_constant<bool, __is_same(_Tp, _Up)>\n  { };", "«type:bool»«punctuation:,» «type:__is_same»(«type:_Tp»«punctuation:,» «type:_Up»)«punctuation:>»" },
        // operator() starting its line in a class is a constructor's shape to VS Code; elsewhere () is the operator's name
        { "cpp", "struct S {\n  constexpr void\n  operator()(_It& __it) const\n  { }\n  void operator()(int x) const;\n};", "«function:operator»«punctuation:()(»«type:_It»«keyword:&» «variable:__it»«punctuation:)»" },
        { "cpp", "struct S {\n  constexpr void\n  operator()(_It& __it) const\n  { }\n  void operator()(int x) const;\n};", "«keyword:operator»«operator:()»«punctuation:(»«type:int» «variable:x»«punctuation:)»" },
        // a named typename parameter on a line of its own is still a parameter; a non-type parameter pack is one too
        { "cpp", "template<typename _Up,\n         typename _UPtr = unique_ptr<_Up>,\n         typename = _Require<_Up>>\n  struct A;\ntemplate<typename _Res, std::size_t... _Indexes>\n  struct B;", "\n         «keyword:typename» «type:_UPtr» «operator:=» unique_ptr«punctuation:<»«type:_Up»«punctuation:>,»\n         typename «operator:=»" },
        { "cpp", "template<typename _Up,\n         typename _UPtr = unique_ptr<_Up>,\n         typename = _Require<_Up>>\n  struct A;\ntemplate<typename _Res, std::size_t... _Indexes>\n  struct B;", "«type:std»«punctuation:::»«keyword:size_t»«punctuation:...» «type:_Indexes»«punctuation:>»" },
        // bzgrep: a command glued to its case pattern's ) is plain to the end of its line, but for quotes and variables
        { "bash", "case $1 in\n  -[AB])opt=\"$opt $1\"; shift;;\n  --) x=1;;\nesac", "«punctuation:)»opt=«string:\"»«variable:$opt»«string: »«variable:$1»«string:\"»; shift;;\n  --«punctuation:)»" },
        // 3>&- : the '-' that closes a descriptor is not part of the operator, in or out of $( )
        { "bash", "x=$(cat f 3>&-)\nexec 3>&-", "«string:$(cat f »«operator:3>&»«string:-)»\n«builtin:exec» «operator:3>&»-" },
        // case right after $( is no command to VS Code, so the pattern's ) ends the substitution: the ;; after it are two
        // list operators
        { "bash", "x=$(case $a in\n  a) echo 1;;\nesac", "«keyword:in»\n«string:  a)» «builtin:echo» 1«operator:;;»\n«keyword:esac»" },
        // PostgreSQL's scripts: VS Code's SQL grammar colours every word of its long (T-SQL) keyword list, wherever it
        // stands; its types and functions come after that list, functions with or without parentheses
        { "sql", "CREATE OR REPLACE FUNCTION f(OUT version int4, x boolean)\nRETURNS oid AS 'MODULE_PATHNAME' LANGUAGE C PARALLEL SAFE;",
          "«keyword:CREATE» «keyword:OR» «function:REPLACE» «keyword:FUNCTION» f(«keyword:OUT» «keyword:version» int4, x «type:boolean»)" },
        { "sql", "CREATE OR REPLACE FUNCTION f(OUT version int4, x boolean)\nRETURNS oid AS 'MODULE_PATHNAME' LANGUAGE C PARALLEL SAFE;",
          "«keyword:RETURNS» «type:oid» «keyword:AS» «string:'MODULE_PATHNAME'» «keyword:LANGUAGE» C PARALLEL «keyword:SAFE»;" },
        // an indented create names its object (a function's colour); comment on … is is one keyword; ALL alone, [a] and ::
        // are plain, () punctuation, and a qualified name two constants
        { "sql", "BEGIN;\n  CREATE TABLE tab (a int DEFAULT CAST(0 AS bigint));\n  COMMENT ON TABLE tab IS 'a table';\nSELECT ALL a::bool FROM s.tab WHERE b = ANY(ARRAY[1, 2]) AND f() IS NOT NULL;",
          "  «keyword:CREATE» «keyword:TABLE» «function:tab» (a «keyword:int» «keyword:DEFAULT» «function:CAST»(«number:0» «keyword:AS» «keyword:bigint»));" },
        { "sql", "BEGIN;\n  CREATE TABLE tab (a int DEFAULT CAST(0 AS bigint));\n  COMMENT ON TABLE tab IS 'a table';\nSELECT ALL a::bool FROM s.tab WHERE b = ANY(ARRAY[1, 2]) AND f() IS NOT NULL;",
          "  «keyword:COMMENT ON TABLE tab IS» «string:'a table'»;\n«keyword:SELECT» ALL a::bool «keyword:FROM» «constant:s».«constant:tab»" },
        { "sql", "BEGIN;\n  CREATE TABLE tab (a int DEFAULT CAST(0 AS bigint));\n  COMMENT ON TABLE tab IS 'a table';\nSELECT ALL a::bool FROM s.tab WHERE b = ANY(ARRAY[1, 2]) AND f() IS NOT NULL;",
          "ANY(ARRAY[1, 2]) «keyword:AND» f«punctuation:()» «keyword:IS» «keyword:NOT» «keyword:NULL»;" },
        // cuda-samples: uint and the vector types are types; a member access is an object and a property, as in C++;
        // threadIdx and friends are types with a plain ".x", but objects right after '(' or '['
        { "cuda", "__global__ void k(uint *d, float3 p)\n{\n    d[threadIdx.x] = p.x + blockIdx.x * 2;\n    g(threadIdx.y, a + threadIdx.y);\n}",
          "«type:uint» «keyword:*»«variable:d»«punctuation:,» «type:float3» «variable:p»«punctuation:)»" },
        { "cuda", "__global__ void k(uint *d, float3 p)\n{\n    d[threadIdx.x] = p.x + blockIdx.x * 2;\n    g(threadIdx.y, a + threadIdx.y);\n}",
          "«variable:d»«punctuation:[»«variable:threadIdx»«punctuation:.»«property:x»«punctuation:]» «operator:=» «variable:p»«punctuation:.»«property:x» «operator:+» «type:blockIdx».x «operator:*»" },
        { "cuda", "__global__ void k(uint *d, float3 p)\n{\n    d[threadIdx.x] = p.x + blockIdx.x * 2;\n    g(threadIdx.y, a + threadIdx.y);\n}",
          "«function:g»«punctuation:(»«variable:threadIdx»«punctuation:.»«property:y»«punctuation:,» a «operator:+» «type:threadIdx».y«punctuation:);»" },
        // ripgrep: a capitalised name right before '(' is a call to VS Code's grammar (but Some, Ok... and a declared
        // struct's name); mod's name is a type; super is a builtin; a line continuation's backslash stays in the string
        { "rust", "enum E {\n    Literal(String),\n}\nstruct Pair(u8);\nmod tests {\n    use super::E;\n    fn f(g: impl FnMut(u8)) {\n        let x = Some(E::Literal(s));\n        let y = \"a\\\n            b\";\n    }\n}", "«punctuation:{»\n    «function:Literal»«punctuation:(»«type:String»«punctuation:),»" },
        { "rust", "enum E {\n    Literal(String),\n}\nstruct Pair(u8);\nmod tests {\n    use super::E;\n    fn f(g: impl FnMut(u8)) {\n        let x = Some(E::Literal(s));\n        let y = \"a\\\n            b\";\n    }\n}", "«keyword:struct» «type:Pair»«punctuation:(»«type:u8»«punctuation:);»\n«keyword:mod» «type:tests»" },
        { "rust", "enum E {\n    Literal(String),\n}\nstruct Pair(u8);\nmod tests {\n    use super::E;\n    fn f(g: impl FnMut(u8)) {\n        let x = Some(E::Literal(s));\n        let y = \"a\\\n            b\";\n    }\n}", "«keyword:use» «builtin:super»«operator:::»" },
        { "rust", "enum E {\n    Literal(String),\n}\nstruct Pair(u8);\nmod tests {\n    use super::E;\n    fn f(g: impl FnMut(u8)) {\n        let x = Some(E::Literal(s));\n        let y = \"a\\\n            b\";\n    }\n}", "«keyword:impl» «function:FnMut»«punctuation:(»«type:u8»«punctuation:))»" },
        { "rust", "enum E {\n    Literal(String),\n}\nstruct Pair(u8);\nmod tests {\n    use super::E;\n    fn f(g: impl FnMut(u8)) {\n        let x = Some(E::Literal(s));\n        let y = \"a\\\n            b\";\n    }\n}", "«type:Some»«punctuation:(»«type:E»«operator:::»«function:Literal»«punctuation:(»" },
        { "rust", "enum E {\n    Literal(String),\n}\nstruct Pair(u8);\nmod tests {\n    use super::E;\n    fn f(g: impl FnMut(u8)) {\n        let x = Some(E::Literal(s));\n        let y = \"a\\\n            b\";\n    }\n}", "«string:\"a\\»\n«string:            b\"»" },
        // git format-patch: "---" alone separates the message from the diffstat; git's extended headers other than
        // diff and index are text to VS Code's grammar, as are a changed line but for its sign
        { "diff", "Subject: [PATCH] Fix\n---\n a.txt | 2 +-\n\ndiff --git a/a.txt b/a.txt\nnew file mode 100644\nindex 0000000..e69de29\n--- /dev/null\n+++ b/a.txt\n@@ -0,0 +1 @@ fn main\n+x\n! changed", "«punctuation:---»\n a.txt | 2 +-\n\n«keyword:diff --git a/a.txt b/a.txt»\nnew file mode 100644\n«keyword:index 0000000..e69de29»" },
        { "diff", "Subject: [PATCH] Fix\n---\n a.txt | 2 +-\n\ndiff --git a/a.txt b/a.txt\nnew file mode 100644\nindex 0000000..e69de29\n--- /dev/null\n+++ b/a.txt\n@@ -0,0 +1 @@ fn main\n+x\n! changed", "«keyword:@@ -0,0 +1 @@» fn main\n«inserted:+x»\n«punctuation:!» changed" },
        // ripgrep's guide: time is a keyword between blanks or list operators, not in an assignment
        { "console", "$ time rg -c foo\n42\n$ t=1; echo x | time wc -l", "«prompt:$ »«keyword:time» rg -c foo" },
        { "bash", "time=1; echo time; x | time wc -l", "time=1«operator:;» «builtin:echo» «keyword:time»«operator:;» x «operator:|» «keyword:time» wc -l" },
        // a keyword right before '(' is a call too (regex's literal.rs: self.union(seq)), but for pub(crate)
        { "rust", "pub(crate) fn f(seq: Seq) {\n    let v = self.union(seq);\n    let g: fn(u8) -> u8 = h;\n}", "«keyword:pub»«punctuation:(»«keyword:crate»«punctuation:)»" },
        { "rust", "pub(crate) fn f(seq: Seq) {\n    let v = self.union(seq);\n    let g: fn(u8) -> u8 = h;\n}", "«builtin:self»«operator:.»«function:union»«punctuation:(»«variable:seq»«punctuation:);»" },
        { "rust", "pub(crate) fn f(seq: Seq) {\n    let v = self.union(seq);\n    let g: fn(u8) -> u8 = h;\n}", "«function:fn»«punctuation:(»«type:u8»«punctuation:)» «operator:->» «type:u8» «operator:=» «variable:h»" },
        // globset's test macros: macro_rules! names a function; a $metavariable is a variable, after fn too
        { "rust", "macro_rules! check {\n    ($name:ident) => {\n        fn $name() {}\n    };\n}", "«function:macro_rules!» «function:check» «punctuation:{»" },
        { "rust", "macro_rules! check {\n    ($name:ident) => {\n        fn $name() {}\n    };\n}", "«keyword:fn» «operator:$»«variable:name»«punctuation:()»" },
        // cuda-samples: VS Code's C++ grammars read "(B + 2)" after a macro's name and blanks as its parameters (a
        // parameter's first word a variable, the rest plain: in C too, without the blank); a head after extern "C" on its
        // line is a call (a definition's head starts its line there), its parameters plain
        { "cuda", "#define STRIDE (WIDTH + 2)\n#define N(x + y)\nextern \"C\" uint f(uint *p, uint n);",
          "«function:STRIDE» «punctuation:(»«variable:WIDTH» + 2«punctuation:)»\n«keyword:#define» «function:N»«punctuation:(»«variable:x» + y«punctuation:)»" },
        { "cuda", "#define STRIDE (WIDTH + 2)\n#define N(x + y)\nextern \"C\" uint f(uint *p, uint n);",
          "«keyword:extern» «string:\"C\"» «type:uint» «function:f»«punctuation:(»«type:uint» «operator:*»p«punctuation:,» «type:uint» n«punctuation:);»" },
        { "c", "#define N(x + y) (x)", "«function:N»«punctuation:(»«variable:x» + y«punctuation:)»" },
        // the regex crate: a name before ::<…>( is a call; escapes as the grammar reads them: \u{ and four to six hex
        // digits }, \x and two digits the first of which 0-7, else the backslash and one character
        { "rust", "fn f() {\n    let n = size_of::<u32>();\n    let c = '\\u{FFFD}';\n    let s = \"\\u{1}\\x41\\xF0\";\n}",
          "«function:size_of»«operator:::»«punctuation:<»«type:u32»«punctuation:>();»" },
        { "rust", "fn f() {\n    let n = size_of::<u32>();\n    let c = '\\u{FFFD}';\n    let s = \"\\u{1}\\x41\\xF0\";\n}",
          "«punctuation:'»«escape:\\u{FFFD}»«punctuation:';»" },
        { "rust", "fn f() {\n    let n = size_of::<u32>();\n    let c = '\\u{FFFD}';\n    let s = \"\\u{1}\\x41\\xF0\";\n}",
          "«string:\"»«escape:\\u»«string:{1}»«escape:\\x41\\x»«string:F0\"»" },
        // llm.c and cuda-samples: a namespace alias names types; __launch_bounds__(…) is taken for the function's name
        { "cuda", "namespace cg = cooperative_groups;\n__global__ void __launch_bounds__(256) k(float* x) {}",
          "«keyword:namespace» «type:cg» «operator:=» «type:cooperative_groups»«punctuation:;»" },
        { "cuda", "namespace cg = cooperative_groups;\n__global__ void __launch_bounds__(256) k(float* x) {}",
          "«keyword:__global__» «type:void» «function:__launch_bounds__»«punctuation:(»«number:256»«punctuation:)» «function:k»" },
    };

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_of_a_real_file_gets_its_kinds(string language, string code, string expected)
    {
        var marked = Marked(code, language);
        Assert.True(marked.Contains(expected, StringComparison.Ordinal), $"not found: {expected}\nin: {marked}");
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_of_a_real_file_agrees_with_TextMate(string language, string code, string expected)
    {
        _ = expected;
        var (same, total, differences) = OracleTests.Compare(code, language);
        Assert.True(same == total, string.Join("\n", differences));
    }

    /// <summary>The highlighted lines with each span written «kind:text».</summary>
    private static string Marked(string code, string language)
    {
        var result = Highlighter.Highlight(code, language);
        var html = string.Join("\n", result.Lines);
        return WebUtility.HtmlDecode(Span().Replace(html, m => $"«{m.Groups[1].Value}:{m.Groups[2].Value}»"));
    }

    [GeneratedRegex("<span class=\"hl-([a-z]+)\">(.*?)</span>")]
    private static partial Regex Span();
}
