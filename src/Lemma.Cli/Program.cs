// The `lemma` command: parse, call the engine, print diagnostics, exit (0 ok, 1 content errors, 2 usage errors).

// `lemma serve --production` answers requests on the socket threads that received them (LemmaServer); the runtime
// reads this once, at the process's first socket, so it is set before anything else and left alone if already set.
const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
if (Environment.GetEnvironmentVariable(InlineCompletions) is null) Environment.SetEnvironmentVariable(InlineCompletions, "1");
// W^X is off in the package for a fast start; a server for real readers runs with it on (WriteXorExecute).
if (args is ["serve", ..] && args.Contains("--production")) Lemma.Cli.WriteXorExecute.TurnOn();
return Lemma.Cli.LemmaApp.Run(args, Console.Out, Console.Error);
