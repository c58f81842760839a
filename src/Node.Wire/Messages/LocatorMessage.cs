using System.Buffers;
using Node.Primitives;

namespace Node.Wire;

/// <summary>
/// getheaders and getblocks: a version (Core's CBlockLocator DUMMY_VERSION), a block locator of at most
/// MAX_LOCATOR_SZ (101) hashes, newest first, and the hash to stop at (zero for "as many as allowed").
/// Core disconnects a peer whose locator is longer. Trailing bytes are ignored, as Core does.
/// </summary>
public readonly ref struct LocatorMessage : IMessagePayload
{
    public LocatorMessage(Command command, int version, ReadOnlySpan<Hash256> locator, Hash256 hashStop)
    {
        if (command is not (Command.GetHeaders or Command.GetBlocks))
            throw new ArgumentException("a locator message is getheaders or getblocks", nameof(command));
        if (locator.Length > ProtocolLimits.MaxLocator)
            throw new ArgumentException($"a locator has at most {ProtocolLimits.MaxLocator} hashes", nameof(locator));
        Command = command;
        Version = version;
        Locator = locator;
        HashStop = hashStop;
    }

    public Command Command { get; }
    public int Version { get; }
    public ReadOnlySpan<Hash256> Locator { get; }
    public Hash256 HashStop { get; }

    public int PayloadSize => 4 + CompactSize.EncodedLength((ulong)Locator.Length) + (Locator.Length + 1) * Hash256.Size;

    public void WritePayload(Span<byte> destination)
    {
        var w = new SpanWriter(destination);
        w.WriteInt32(Version);
        w.WriteCompactSize((ulong)Locator.Length);
        foreach (ref readonly var hash in Locator) w.WriteHash(hash);
        w.WriteHash(HashStop);
        w.EnsureFull();
    }

    /// <summary>
    /// Decodes into <paramref name="locatorBuffer"/> (give it <see cref="ProtocolLimits.MaxLocator"/> entries;
    /// a stackalloc will do); the returned message's Locator is a slice of it.
    /// </summary>
    public static LocatorMessage Decode(Command command, in ReadOnlySequence<byte> payload, Span<Hash256> locatorBuffer)
    {
        var r = new PayloadReader(payload);
        int version = r.ReadInt32("locator version");
        int count = r.ReadCount("locator", ProtocolLimits.MaxLocator, "MAX_LOCATOR_SZ", Hash256.Size);
        if (locatorBuffer.Length < count) throw new ArgumentException("locator buffer too small", nameof(locatorBuffer));
        var locator = locatorBuffer[..count];
        for (int i = 0; i < locator.Length; i++) locator[i] = r.ReadHash("locator hash");
        return new LocatorMessage(command, version, locator, r.ReadHash("locator hash_stop"));
    }
}
