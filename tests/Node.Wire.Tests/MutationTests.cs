using System.Buffers;
using CsCheck;

namespace Node.Wire.Tests;

/// <summary>
/// Mutated real messages (byte flips, truncations, insertions) either decode or fail with a named
/// wire error: never any other exception.
/// </summary>
public class MutationTests
{
    private enum Mutation { Flip, Truncate, Insert, Delete }

    private static readonly MessageCase[] Cases = [.. MessageCases.All];

    private static readonly Gen<(int Case, Mutation Kind, int Position, byte Value, int Pieces)> Mutations =
        Gen.Select(Gen.Int[0, Cases.Length - 1], Gen.Enum<Mutation>(), Gen.Int[0, int.MaxValue], Gen.Byte, Gen.Int[1, 6]);

    private static byte[] Apply(byte[] bytes, Mutation kind, int position, byte value)
    {
        int at = position % Math.Max(1, bytes.Length);
        return kind switch
        {
            Mutation.Flip when at < bytes.Length => [.. bytes[..at], (byte)(bytes[at] ^ (value | 1)), .. bytes[(at + 1)..]],
            Mutation.Truncate => bytes[..Math.Min(at, bytes.Length)],
            Mutation.Insert => [.. bytes[..Math.Min(at, bytes.Length)], value, .. bytes[Math.Min(at, bytes.Length)..]],
            Mutation.Delete when at < bytes.Length => [.. bytes[..at], .. bytes[(at + 1)..]],
            _ => bytes,
        };
    }

    /// <summary>Reads every frame in the buffer and dispatches the usable ones, letting only named wire errors pass.</summary>
    private static void ReadAndDecode(ReadOnlySequence<byte> buffer)
    {
        var handler = new RecordingHandler();
        while (true)
        {
            FrameStatus status;
            Frame frame;
            try
            {
                status = FrameReader.TryReadFrame(ref buffer, Framed.Main, out frame);
            }
            catch (WireException e) when (e.Error is WireError.WrongMagic or WireError.OversizedPayload)
            {
                return;
            }
            if (status == FrameStatus.NeedMoreData) return;
            if (status == FrameStatus.Dropped)
            {
                Assert.True(frame.Error is WireError.BadChecksum or WireError.MalformedCommand);
                continue;
            }
            try
            {
                MessageDispatcher.Dispatch(frame, handler);
            }
            catch (WireException e)
            {
                Assert.NotEqual(WireError.None, e.Error);
            }
        }
    }

    [Fact]
    public void Mutated_frames_read_or_fail_with_a_named_wire_error_only()
    {
        Mutations.Sample(m =>
        {
            var c = Cases[m.Case];
            var mutated = Apply(c.Frame, m.Kind, m.Position, m.Value);
            var random = new Random(m.Position);
            ReadAndDecode(Sequences.RandomSplit(mutated, random, m.Pieces));
        }, iter: 20_000);
    }

    [Fact]
    public void Mutated_payloads_with_valid_checksums_decode_or_fail_with_a_named_wire_error_only()
    {
        // Re-framing after the mutation keeps the checksum valid, so every mutation reaches the decoders.
        Mutations.Sample(m =>
        {
            var c = Cases[m.Case];
            var payload = Apply(c.Frame[MessageHeader.Size..], m.Kind, m.Position, m.Value);
            var framed = Framed.EncodeRaw(c.Command, payload);
            ReadAndDecode(Sequences.RandomSplit(framed, new Random(m.Position), m.Pieces));
        }, iter: 50_000);
    }

    [Fact]
    public void Several_mutations_at_once_still_fail_only_by_name()
    {
        var gen = Gen.Select(Gen.Int[0, Cases.Length - 1], Gen.Select(Gen.Enum<Mutation>(), Gen.Int[0, int.MaxValue], Gen.Byte).Array[2, 8]);
        gen.Sample((index, mutations) =>
        {
            var c = Cases[index];
            var payload = c.Frame[MessageHeader.Size..];
            foreach (var (kind, position, value) in mutations) payload = Apply(payload, kind, position, value);
            ReadAndDecode(new ReadOnlySequence<byte>(Framed.EncodeRaw(c.Command, payload)));
        }, iter: 20_000);
    }
}
