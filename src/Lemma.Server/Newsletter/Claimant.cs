using System.Globalization;

namespace Lemma.Server.Newsletter;

/// <summary>
/// The process that claimed a delivery: its machine, its process id and when it started (UTC ticks), stored as
/// "machine/pid/start". A claim of a process on this machine that is gone (no process with that id, one started at
/// another time: the id was reused, or one killed and not yet reaped by its parent) is free at once; a claim made on another machine holds until its lease ends, since
/// only that machine can tell whether its sender lives. Senders sharing a PostgreSQL database must run on machines with
/// distinct names (containers too), or a live sender's claims could be taken as a dead one's.
/// </summary>
public sealed record Claimant(string Machine, int Process, long Started)
{
    /// <summary>This process.</summary>
    public static Claimant Current()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return new(Environment.MachineName, self.Id, self.StartTime.ToUniversalTime().Ticks);
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
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(id);
            // The start time is read back from the kernel's clock ticks: allow for its rounding.
            return System.Math.Abs(process.StartTime.ToUniversalTime().Ticks - ticks) > TimeSpan.TicksPerSecond || Zombie(id);
        }
        catch (ArgumentException) { return true; } // no such process
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception) { return false; }
    }

    // A killed process whose parent has not reaped it yet still has its id and start time, but runs no more (Linux:
    // state Z in /proc/PID/stat, after the command's name in parentheses).
    private static bool Zombie(int id)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{id}/stat");
            var end = stat.LastIndexOf(')');
            return end > 0 && end + 2 < stat.Length && stat[end + 2] == 'Z';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }
}
