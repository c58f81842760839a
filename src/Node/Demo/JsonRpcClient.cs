using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Node.Demo;

/// <summary>A minimal JSON-RPC 1.0 client for a local node, authenticating with its cookie file.</summary>
public sealed class JsonRpcClient(int port, string cookieFile) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Calls <paramref name="method"/>; returns the "result" element. Throws <see cref="HttpRequestException"/> while the node is not answering.</summary>
    public async Task<JsonElement> CallAsync(string method, params object[] parameters)
    {
        if (_http.DefaultRequestHeaders.Authorization is null)
        {
            if (!File.Exists(cookieFile)) throw new HttpRequestException("no RPC cookie yet");
            string cookie = await File.ReadAllTextAsync(cookieFile).ConfigureAwait(false);
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(cookie.Trim())));
        }
        string body = JsonSerializer.Serialize(new { jsonrpc = "1.0", id = "demo", method, @params = parameters });
        using var response = await _http.PostAsync("", new StringContent(body, Encoding.UTF8, "application/json")).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            _http.DefaultRequestHeaders.Authorization = null; // a restarted node writes a new cookie
            throw new HttpRequestException("RPC authentication refused");
        }
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        var root = doc.RootElement;
        if (root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
            throw new InvalidOperationException($"{method}: {error.GetProperty("message").GetString()} ({error.GetProperty("code").GetInt32()})");
        return root.GetProperty("result").Clone();
    }

    public void Dispose() => _http.Dispose();
}
