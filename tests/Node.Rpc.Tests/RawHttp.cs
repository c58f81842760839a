using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Node.Rpc.Tests;

/// <summary>Raw HTTP against the server, for what an RPC client library hides: status codes, headers, exact bodies.</summary>
internal static class RawHttp
{
    private static readonly HttpClient Client = new();

    public sealed record Response(HttpStatusCode Status, HttpResponseHeaders Headers, string? ContentType, string Body)
    {
        public JsonNode Json => JsonNode.Parse(Body)!;
    }

    public static Task<Response> PostAsync(Uri url, string body, string user, string password) =>
        SendAsync(HttpMethod.Post, url, body, $"{user}:{password}");

    public static async Task<Response> SendAsync(HttpMethod method, Uri url, string? body, string? credentials)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (credentials is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        using var response = await Client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        return new Response(response.StatusCode, response.Headers, response.Content.Headers.ContentType?.ToString(), text);
    }
}
