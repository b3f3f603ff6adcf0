// The `lemma` command: parse, call the engine, print diagnostics, exit (0 ok, 1 content errors, 2 usage errors).
return Lemma.Cli.LemmaApp.Run(args, Console.Out, Console.Error);
