using System.Collections;
using System.Runtime.InteropServices;

namespace Lemma.Cli;

/// <summary>
/// The package starts with W^X off (Lemma.Cli.csproj): a small build takes 7-20% less CPU. A server for real readers
/// takes input from anyone and keeps that defence: the runtime reads the setting once, when it starts, so the process
/// starts again with it on.
/// </summary>
internal static class WriteXorExecute
{
    private const string Setting = "DOTNET_EnableWriteXorExecute";

    /// <summary>
    /// Replaces this process by the same command with W^X on, unless the setting was given (then it is as the user set it).
    /// Linux only; elsewhere, or when the exec fails, it returns and the command runs as it is.
    /// </summary>
    public static void TurnOn()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Setting) is not null) return;
        string[] argv;
        try
        {
            // The command line exactly as it was given (the program, `dotnet` and its dll, every argument, empty ones too).
            var line = File.ReadAllText("/proc/self/cmdline");
            argv = line.TrimEnd('\0').Split('\0');
        }
        catch (IOException)
        {
            return;
        }
        var environment = new List<string?>();
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables()) environment.Add($"{variable.Key}={variable.Value}");
        environment.Add(Setting + "=1");
        environment.Add(null);
        // Returns only when it failed: the server then runs in this process, as it would have.
        _ = Exec("/proc/self/exe", [.. argv, null], [.. environment]);
    }

    [DllImport("libc", EntryPoint = "execve", SetLastError = true)]
    private static extern int Exec(string path, string?[] argv, string?[] environment);
}
