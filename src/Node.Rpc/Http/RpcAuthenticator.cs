using System.Text;
using System.Security.Cryptography;

namespace Node.Rpc.Http;

/// <summary>Core's RPCAuthorized: HTTP Basic with the one configured user:password, compared in constant time.</summary>
public sealed class RpcAuthenticator(string user, string password)
{
    private readonly byte[] _expected = Encoding.UTF8.GetBytes($"{user}:{password}");

    /// <summary>Checks an Authorization header value ("Basic base64(user:password)").</summary>
    public bool IsAuthorized(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Basic ", StringComparison.Ordinal)) return false;
        byte[] credentials;
        try
        {
            credentials = Convert.FromBase64String(authorization.AsSpan(6).Trim().ToString());
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(credentials, _expected);
    }
}
