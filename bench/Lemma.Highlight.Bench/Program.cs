using BenchmarkDotNet.Running;
using Lemma.Highlight.Bench;

if (args.Length >= 3 && args[0] == "--dump") return Dump.Run(args[1], args[2]);
if (args.Length >= 3 && args[0] == "--agree") return Agree.Run(args[1], args.Skip(2));
BenchmarkSwitcher.FromAssembly(typeof(Dump).Assembly).Run(args);
return 0;
