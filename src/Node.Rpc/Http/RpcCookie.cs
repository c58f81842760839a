using System.Security.Cryptography;

namespace Node.Rpc.Http;

/// <summary>
/// Core's cookie authentication: "__cookie__:" + 32 random bytes in hex, written to a temporary file
/// then renamed (readable by the owner only), deleted at shutdown.
/// </summary>
public static class RpcCookie
{
    public const string User = "__cookie__";

    public static string Create(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        string temporary = path + ".tmp";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write($"{User}:{password}");
        }
        File.Move(temporary, path, overwrite: true);
        return password;
    }

    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Core ignores a cookie that cannot be removed at shutdown too.
        }
    }
}
