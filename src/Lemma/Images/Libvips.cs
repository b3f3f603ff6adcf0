namespace Lemma.Images;

/// <summary>
/// libvips as the build uses it, set up once per process: libvips' settings are its own global state, the same for
/// every build in the process, so they are fixed here rather than per build.
/// </summary>
internal static class Libvips
{
    /// <summary>Images above this many pixels are published as they are, with a warning: decoding a 30,000 x 30,000
    /// PNG (or a small file that claims to be one, a decompression bomb) would take gigabytes.</summary>
    public const long MaxPixels = 100_000_000;

    private static readonly Lazy<string?> Setup = new(() =>
    {
        try
        {
            if (!NetVips.ModuleInitializer.VipsInitialized) return NetVips.ModuleInitializer.Exception?.Message ?? "libvips did not start";
            // The build runs one image per core; libvips' own threads on top of that only contend.
            NetVips.NetVips.Concurrency = 1;
            // The operation cache keeps decoded images alive between calls; each image is read once per build.
            NetVips.Cache.Max = 0;
            NetVips.Cache.MaxMem = 0;
            NetVips.Cache.MaxFiles = 0;
            // Loaders libvips marks untrusted (ImageMagick, MATLAB, FITS...) are not for files a site may be given.
            NetVips.NetVips.BlockUntrusted = true;
            // A bad image is reported as a warning at the page that shows it; libvips' own lines on stderr would only repeat it.
            NetVips.Log.SetLogHandler("VIPS", NetVips.Enums.LogLevelFlags.Warning | NetVips.Enums.LogLevelFlags.Message | NetVips.Enums.LogLevelFlags.Info, static (_, _, _) => { });
            return null;
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or EntryPointNotFoundException)
        {
            return e.Message;
        }
    });

    /// <summary>Null when libvips is ready; else why not (its native library could not load here).</summary>
    public static string? Problem => Setup.Value;
}
