using System.Runtime.InteropServices;

namespace Lemma.Highlight.Bench;

/// <summary>
/// CPU time of the calling thread (Linux clock_gettime(CLOCK_THREAD_CPUTIME_ID)), so that figures hold on a shared,
/// loaded machine where wall time mostly measures waiting. Falls back to the process CPU time elsewhere.
/// </summary>
internal static partial class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec { public long Seconds; public long Nanoseconds; }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>Microseconds of CPU used by this thread so far.</summary>
    public static double Micros()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTimeId, out var t) == 0)
            return t.Seconds * 1e6 + t.Nanoseconds / 1e3;
        return System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalMicroseconds;
    }
}
