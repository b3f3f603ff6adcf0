using System.Globalization;

namespace Lemma.Server.Newsletter;

/// <summary>
/// The process that claimed a delivery: its machine, its process id and when it started (on Linux the kernel's clock
/// ticks after boot, elsewhere UTC ticks), stored as
/// "machine/pid/start". A claim of a process on this machine that is gone (no process with that id, one started at
/// another time: the id was reused, or one killed and not yet reaped by its parent) is free at once; a claim made on another machine holds until its lease ends, since
/// only that machine can tell whether its sender lives. Senders sharing a PostgreSQL database must run on machines with
/// distinct names (containers too), or a live sender's claims could be taken as a dead one's.
/// </summary>
public sealed record Claimant(string Machine, int Process, long Started)
{
    /// <summary>This process.</summary>
    public static Claimant Current() => Of(Environment.ProcessId)!;

    /// <summary>A running process of this machine as a claimant, or null when none has that id.</summary>
    public static Claimant? Of(int id)
    {
        if (Stat(id) is { } stat) return new(Environment.MachineName, id, stat.Start);
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(id);
            return new(Environment.MachineName, id, process.StartTime.ToUniversalTime().Ticks);
        }
        catch (ArgumentException) { return null; }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Machine}/{Process}/{Started}");

    /// <summary>Whether the claimant <paramref name="stored"/> names is known to be gone: it ran on this machine and
    /// no process with its id and start time runs now. Unreadable or foreign claims are not gone.</summary>
    public static bool IsGone(string? stored)
    {
        var parts = stored?.Split('/');
        if (parts is not [var machine, var pid, var started] || machine != Environment.MachineName
            || !int.TryParse(pid, CultureInfo.InvariantCulture, out var id) || !long.TryParse(started, CultureInfo.InvariantCulture, out var ticks))
            return false;
        // Linux: the kernel's own start time, in clock ticks after boot, compared exactly (a start time as a date is
        // worked out from the clock and the time since boot, and moves by a little with each reading).
        if (File.Exists("/proc/self/stat")) return Stat(id) is not { } stat || stat.Start != ticks || stat.State == 'Z';
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(id);
            return System.Math.Abs(process.StartTime.ToUniversalTime().Ticks - ticks) > TimeSpan.TicksPerSecond;
        }
        catch (ArgumentException) { return true; } // no such process
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception) { return false; }
    }

    /// <summary>Process <paramref name="id"/>'s state and when it started, in clock ticks after boot (fields 3 and 22 of
    /// /proc/PID/stat, after the command's name in parentheses); null where there is no such process or no /proc. A
    /// killed process whose parent has not reaped it yet keeps its id and start time in state Z (zombie).</summary>
    private static (char State, long Start)? Stat(int id)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // fields[0] is field 3 (the state), so field 22 is fields[19].
            return fields.Length > 19 && fields[0].Length == 1 && long.TryParse(fields[19], CultureInfo.InvariantCulture, out var start) ? (fields[0][0], start) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
