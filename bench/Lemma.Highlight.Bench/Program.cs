using BenchmarkDotNet.Running;
using Lemma.Highlight.Bench;

// --dump LANGUAGE_ID FILE        TextMate tokens, scopes and mapped kinds of a file
// --agree LANGUAGE FILE...       per-character agreement of the hand lexer with TextMate, and the differing runs
// --corpus DIR [--textmate-sample N]   lines per second on a gen_corpus.py site, cold and warm, by language
// anything else                  BenchmarkDotNet (e.g. --filter '*MicroBenchmarks*')
if (args.Length >= 3 && args[0] == "--dump") return Dump.Run(args[1], args[2]);
if (args.Length >= 3 && args[0] == "--agree") return Agree.Run(args[1], args.Skip(2));
if (args.Length >= 2 && args[0] == "--loop") return Loop.Run(args[1], args.Length > 2 ? int.Parse(args[2]) : 2000);
if (args.Length >= 2 && args[0] == "--corpus")
{
    var sample = 300;
    var i = Array.IndexOf(args, "--textmate-sample");
    if (i >= 0 && i + 1 < args.Length) sample = int.Parse(args[i + 1]);
    return Corpus.Run(args[1], sample);
}
BenchmarkSwitcher.FromAssembly(typeof(Dump).Assembly).Run(args);
return 0;
