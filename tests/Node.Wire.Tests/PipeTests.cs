using System.IO.Pipelines;

namespace Node.Wire.Tests;

/// <summary>The intended use: MessageWriter into a PipeWriter, FrameReader over a PipeReader's buffers.</summary>
public class PipeTests
{
    [Fact]
    public async Task Messages_written_to_a_pipe_in_dribbles_are_read_back_in_order()
    {
        var cases = MessageCases.All.ToArray();
        var pipe = new Pipe(new PipeOptions(minimumSegmentSize: 512, pauseWriterThreshold: 0));

        // Two messages encoded straight into the pipe's memory, then the other frames fed in odd-sized chunks.
        var stream = new MemoryStream();
        foreach (var c in cases) stream.Write(c.Frame);
        var block = Node.Tests.TestData.Bytes("blocks/mainnet-413567.raw");
        var writer = new MessageWriter(pipe.Writer, Framed.Main);
        writer.WriteRaw(Command.Block, block);
        writer.Write(new PingMessage(5));
        var bytes = stream.ToArray();

        var feed = Task.Run(async () =>
        {
            var random = new Random(5);
            for (int at = 0; at < bytes.Length;)
            {
                int n = Math.Min(bytes.Length - at, 1 + random.Next(700));
                await pipe.Writer.WriteAsync(bytes.AsMemory(at, n));
                at += n;
            }
            await pipe.Writer.CompleteAsync();
        });

        // The block and the ping were written first, so they come out first.
        var expected = new List<Command> { Command.Block, Command.Ping };
        expected.AddRange(cases.Select(c => c.Command));
        var seen = new List<Command>();
        var reader = pipe.Reader;
        while (true)
        {
            var result = await reader.ReadAsync();
            var buffer = result.Buffer;
            while (FrameReader.TryReadFrame(ref buffer, Framed.Main, out var frame) == FrameStatus.Complete)
            {
                seen.Add(frame.Command);
                if (seen.Count == 1) Assert.Equal(block.Length, frame.Payload.Length);
                else if (seen.Count > 2) cases[seen.Count - 3].AssertDecodes(frame.Payload);
                Assert.Equal(WireError.None, MessageDispatcher.Dispatch(frame, new RecordingHandler()));
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted) break;
        }
        await feed;
        await reader.CompleteAsync();
        Assert.Equal(expected, seen);
    }
}
