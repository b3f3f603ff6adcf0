using System.Security.Cryptography;
using System.Text;

namespace Lemma.Server.Storage;

/// <summary>
/// The site's one random secret, made on first start and kept in the database (so every instance sharing the database
/// signs alike, and a restart keeps links and forms valid). Each use gets its own key derived from it by name, so a
/// signature made for one purpose never passes for another.
/// </summary>
public sealed class SiteSecret
{
    private readonly byte[] root;

    private SiteSecret(byte[] root) => this.root = root;

    public static async Task<SiteSecret> Load(Database database) => new(await database.Run(sql =>
    {
        var stored = sql.Single<string>("SELECT value FROM secrets WHERE name = 'site'");
        if (stored is not null) return Convert.FromBase64String(stored);
        var made = RandomNumberGenerator.GetBytes(32);
        sql.Execute("INSERT INTO secrets (name, value) VALUES ('site', @value)", new { value = Convert.ToBase64String(made) });
        return made;
    }));

    /// <summary>The key for one purpose, e.g. "form-token".</summary>
    public byte[] Key(string purpose) => HMACSHA256.HashData(root, Encoding.UTF8.GetBytes(purpose));

    /// <summary>An HMAC-SHA256 of <paramref name="text"/> under <paramref name="purpose"/>'s key, base64url.</summary>
    public string Sign(string purpose, string text) => Base64Url(HMACSHA256.HashData(Key(purpose), Encoding.UTF8.GetBytes(text)));

    /// <summary>True when <paramref name="signature"/> is <see cref="Sign"/>'s, compared in constant time.</summary>
    public bool Verify(string purpose, string text, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(purpose, text)), Encoding.ASCII.GetBytes(signature));

    public static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
