using System.Collections.Immutable;
using System.Reflection;
using Lemma.Configuration;
using Lemma.Diagnostics;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Lemma.Templates;

/// <summary>
/// The template sources of a build: the theme embedded in the program, overridden file by file by the
/// site's layouts/. Keys are paths relative to the template root ("single.liquid", "partials/head.liquid");
/// values carry the path shown in errors ("layouts/single.liquid" or "theme:single.liquid").
/// </summary>
public sealed record TemplateFiles(ImmutableSortedDictionary<string, TemplateFile> Files)
{
    /// <summary>Layout files that could not be read as text: each an error, and the theme's template of that name stays.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; init; } = [];

    public static TemplateFiles Load(string siteRoot, IEnumerable<string> layoutFiles)
    {
        var files = ImmutableSortedDictionary.CreateBuilder<string, TemplateFile>(StringComparer.Ordinal);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var (name, text) in EmbeddedTheme.Files("theme/templates/"))
            files[name] = new TemplateFile("theme/templates/" + name, text);
        foreach (var path in layoutFiles)
        {
            var (text, unreadable) = SourceText.Read(siteRoot, path);
            if (text is null) { diagnostics.Add(unreadable!); continue; }
            files[path["layouts/".Length..]] = new TemplateFile(path, text);
        }
        return new TemplateFiles(files.ToImmutable()) { Diagnostics = diagnostics.ToImmutable() };
    }

    /// <summary>A read-only file provider over these files, for Fluid's include and render tags.</summary>
    public IFileProvider AsFileProvider() => new Provider(this);

    private sealed class Provider(TemplateFiles files) : IFileProvider
    {
        public IFileInfo GetFileInfo(string subpath)
        {
            var key = subpath.TrimStart('/');
            return files.Files.TryGetValue(key, out var file) ? new MemoryFile(key, file.Text) : new NotFoundFileInfo(key);
        }

        public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

        public IChangeToken Watch(string filter) => NullChangeToken.Singleton;
    }

    private sealed class MemoryFile(string name, string text) : IFileInfo
    {
        private readonly byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text);
        public bool Exists => true;
        public long Length => bytes.Length;
        public string? PhysicalPath => null;
        public string Name => name;
        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;
        public bool IsDirectory => false;
        public Stream CreateReadStream() => new MemoryStream(bytes, writable: false);
    }
}

public sealed record TemplateFile(string DisplayPath, string Text);

/// <summary>Reads the default theme's files, embedded in this assembly under "theme/".</summary>
public static class EmbeddedTheme
{
    private static readonly Assembly Assembly = typeof(EmbeddedTheme).Assembly;

    /// <summary>Files under <paramref name="prefix"/> (e.g. "theme/assets/") as (relative name, text).</summary>
    public static IEnumerable<(string Name, string Text)> Files(string prefix)
    {
        foreach (var (name, bytes) in Bytes(prefix))
            yield return (name, System.Text.Encoding.UTF8.GetString(bytes));
    }

    public static IEnumerable<(string Name, byte[] Bytes)> Bytes(string prefix)
    {
        foreach (var resource in Assembly.GetManifestResourceNames().Order(StringComparer.Ordinal))
        {
            var normalized = resource.Replace('\\', '/');
            if (!normalized.StartsWith(prefix, StringComparison.Ordinal)) continue;
            using var stream = Assembly.GetManifestResourceStream(resource)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            yield return (normalized[prefix.Length..], memory.ToArray());
        }
    }
}
