using System.Net;
using System.Text.Json;

namespace Node.Net;

/// <summary>
/// banlist.json as Core writes it: {"banned_nets": [{"version": 1, "ban_created": s, "banned_until": s,
/// "address": "net/prefix"}]}. Written to a temporary file and renamed, so a crash leaves the old or the new list.
/// </summary>
internal static class BanListFile
{
    public static List<BanEntry> Load(string path)
    {
        var entries = new List<BanEntry>();
        if (!File.Exists(path)) return entries;
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        if (!document.RootElement.TryGetProperty("banned_nets", out var nets) || nets.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{path}: no banned_nets array");
        foreach (var net in nets.EnumerateArray())
        {
            var address = net.GetProperty("address").GetString() ?? "";
            if (!Subnets.TryParse(address, out var network))
                throw new InvalidDataException($"{path}: invalid banned address '{address}'");
            entries.Add(new BanEntry(network, net.GetProperty("ban_created").GetInt64(), net.GetProperty("banned_until").GetInt64()));
        }
        return entries;
    }

    public static void Save(string path, IEnumerable<BanEntry> entries)
    {
        var temporary = path + ".new";
        using (var stream = File.Create(temporary))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("banned_nets");
            foreach (var entry in entries)
            {
                json.WriteStartObject();
                json.WriteNumber("version", 1);
                json.WriteNumber("ban_created", entry.CreatedAt);
                json.WriteNumber("banned_until", entry.BannedUntil);
                json.WriteString("address", entry.Network.ToString());
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        File.Move(temporary, path, overwrite: true);
    }
}
