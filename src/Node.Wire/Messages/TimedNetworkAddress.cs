namespace Node.Wire;

/// <summary>An addr message entry: last-seen time (u32 LE, seconds) and a v1 network address, 30 bytes.</summary>
public readonly record struct TimedNetworkAddress(uint Time, NetworkAddress Address)
{
    public const int Size = 4 + NetworkAddress.Size;
}
