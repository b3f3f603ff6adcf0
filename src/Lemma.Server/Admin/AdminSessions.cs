using System.Security.Cryptography;
using System.Text;
using Lemma.Server.Storage;

namespace Lemma.Server.Admin;

/// <summary>
/// Admin logins: a session is a random token in the writer's cookie, kept in the database only as its hash (a copy of
/// the database opens no session); failed logins are counted per address hash, 5 in 15 minutes at most.
/// </summary>
public sealed class AdminSessions(Database database, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);
    public static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(15);
    public const int MaxFailures = 5;

    public Task<string?> PasswordHash() =>
        database.Run(sql => sql.Single<string>("SELECT value FROM secrets WHERE name = @name", new { name = AdminPassword.SecretName }));

    public Task<bool> TooManyFailures(string addressHash) => database.Run(sql =>
        sql.Single<long>("SELECT COUNT(*) FROM login_failures WHERE ip_hash = @addressHash AND at > @since",
            new { addressHash, since = (clock.GetUtcNow() - FailureWindow).ToUnixTimeMilliseconds() }) >= MaxFailures);

    public Task Failed(string addressHash) => database.Run(sql =>
        sql.Execute("INSERT INTO login_failures (ip_hash, at) VALUES (@addressHash, @now)", new { addressHash, now = clock.GetUtcNow().ToUnixTimeMilliseconds() }));

    /// <summary>A new session's token (for the cookie); old sessions and failures are swept on the way.</summary>
    public async Task<string> Open()
    {
        var token = SiteSecret.Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        await database.Run(sql =>
        {
            sql.Execute("DELETE FROM admin_sessions WHERE expires < @now", new { now = now.ToUnixTimeMilliseconds() });
            sql.Execute("DELETE FROM login_failures WHERE at < @before", new { before = (now - FailureWindow).ToUnixTimeMilliseconds() });
            return sql.Execute("INSERT INTO admin_sessions (token_hash, created, expires) VALUES (@hash, @created, @expires)",
                new { hash = Hash(token), created = now.ToUnixTimeMilliseconds(), expires = (now + Lifetime).ToUnixTimeMilliseconds() });
        });
        return token;
    }

    public Task<bool> Valid(string? token) => string.IsNullOrEmpty(token) ? Task.FromResult(false) : database.Run(sql =>
        sql.Single<long>("SELECT COUNT(*) FROM admin_sessions WHERE token_hash = @hash AND expires > @now",
            new { hash = Hash(token), now = clock.GetUtcNow().ToUnixTimeMilliseconds() }) > 0);

    public Task Close(string token) => database.Run(sql => sql.Execute("DELETE FROM admin_sessions WHERE token_hash = @hash", new { hash = Hash(token) }));

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
}
