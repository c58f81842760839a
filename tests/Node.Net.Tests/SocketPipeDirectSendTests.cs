using System.Net;
using System.Net.Sockets;

namespace Node.Net.Tests;

/// <summary><see cref="SocketPipe.SendDirectAsync"/> keeps the connection's byte order: direct bytes go after every byte written to the pipe before.</summary>
public class SocketPipeDirectSendTests
{
    [Fact]
    public async Task Direct_bytes_wait_for_pipe_bytes_flushed_while_the_pump_was_stuck_on_a_full_socket()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await receiver.ConnectAsync((IPEndPoint)listener.LocalEndpoint);
        var sender = await listener.AcceptSocketAsync();
        sender.SendBufferSize = 4096;
        var pipe = new SocketPipe(sender, sendPauseBytes: 5_000_000, sendResumeBytes: 2_500_000);
        try
        {
            var first = Filled(400_000, 1);
            var second = Filled(1_000, 2);
            var direct = Filled(300_000, 3);

            // The pump takes the first bytes and blocks on the socket (nobody reads); the second are flushed meanwhile,
            // after the pump's read, and the direct send is requested behind them.
            await pipe.Output.WriteAsync(first);
            await Task.Delay(200);
            await pipe.Output.WriteAsync(second);
            var sent = pipe.SendDirectAsync(direct).AsTask();

            var received = new byte[first.Length + second.Length + direct.Length];
            for (int at = 0; at < received.Length;)
            {
                int n = await receiver.ReceiveAsync(received.AsMemory(at));
                Assert.NotEqual(0, n);
                at += n;
            }
            Assert.True(await sent.Within());
            Assert.Equal([.. first, .. second, .. direct], received);
            Assert.Equal(received.Length, pipe.BytesSent);
        }
        finally
        {
            pipe.Abort();
            await pipe.Output.CompleteAsync();
            await pipe.Input.CompleteAsync();
            await pipe.Completion.Within();
        }
    }

    private static byte[] Filled(int length, byte value)
    {
        var bytes = new byte[length];
        Array.Fill(bytes, value);
        return bytes;
    }
}
