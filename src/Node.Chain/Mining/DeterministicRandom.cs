namespace Node.Chain.Mining;

/// <summary>
/// xoshiro256** seeded through SplitMix64: the same seed gives the same sequence on every runtime,
/// which <see cref="Random"/> does not promise.
/// </summary>
internal struct DeterministicRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public DeterministicRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, <paramref name="exclusiveMax"/>).</summary>
    public int Next(int exclusiveMax) => (int)((NextUInt64() >> 32) * (ulong)(uint)exclusiveMax >> 32);

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="inclusiveMax"/>].</summary>
    public int Between(int min, int inclusiveMax) => min + Next(inclusiveMax - min + 1);

    private static ulong SplitMix(ref ulong state)
    {
        ulong z = state += 0x9e3779b97f4a7c15;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
        z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
        return z ^ (z >> 31);
    }
}
