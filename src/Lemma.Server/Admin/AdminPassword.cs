using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lemma.Server.Storage;

namespace Lemma.Server.Admin;

/// <summary>
/// The writer's admin password, kept as a salted PBKDF2-SHA256 hash (600,000 iterations, OWASP's figure for it) in the
/// site's database: <c>pbkdf2-sha256$iterations$salt$hash</c>, so a later count can be read beside an older one.
/// </summary>
public static class AdminPassword
{
    public const string SecretName = "admin-password";
    public const int MinLength = 10;
    private const int Iterations = 600_000;

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2-sha256${Iterations.ToString(CultureInfo.InvariantCulture)}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>True when <paramref name="password"/> is the one <paramref name="stored"/> was made from; CPU-bound (about
    /// a quarter of a second), so it runs off the request's socket thread.</summary>
    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations))
            return false;
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Convert.FromBase64String(parts[2]), iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>Sets the password in the store <paramref name="setting"/> names (comments.database: a SQLite file relative
    /// to <paramref name="root"/>, created when missing, or a PostgreSQL connection string), and ends every admin session.</summary>
    public static async Task Set(string setting, string root, string password)
    {
        var hash = Hash(password);
        using var database = await Database.Open(setting, root);
        await database.Run(sql =>
        {
            sql.Execute("DELETE FROM secrets WHERE name = @name", new { name = SecretName });
            sql.Execute("INSERT INTO secrets (name, value) VALUES (@name, @hash)", new { name = SecretName, hash });
            return sql.Execute("DELETE FROM admin_sessions");
        });
    }
}
