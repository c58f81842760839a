using System.Diagnostics;
using Node.Wire;

namespace Node.Net;

// Liveness, checked on a timer per peer: handshake deadline, ping every PingInterval with a random nonce
// (the first right after the handshake, as Core; one more when asked), PingTimeout without the matching pong, IdleTimeout without
// any message, and SendStallTimeout without progress on a socket send.
public sealed partial class Peer
{
    private ulong _pingNonce;       // outstanding ping, 0 when none
    private long _pingSentTimestamp; // Stopwatch timestamp of the outstanding ping
    private long _pingSentTicks;     // TickCount64 of the last ping sent, 0 before the first
    private Task<bool>? _pingSend;   // a ping send still waiting on back-pressure
    private int _pingQueued;         // the ping RPC asked for one

    /// <summary>
    /// Core's ping RPC: a ping goes out at the next timer check, even while one is outstanding (the new nonce then
    /// replaces its nonce and restarts its wait, as in Core).
    /// </summary>
    public void QueuePing() => Volatile.Write(ref _pingQueued, 1);

    /// <summary>How long the outstanding ping has waited for its pong (getpeerinfo's pingwait); null when none is.</summary>
    public TimeSpan? PingWait => Volatile.Read(ref _pingNonce) == 0 ? null : Stopwatch.GetElapsedTime(Volatile.Read(ref _pingSentTimestamp));

    private async Task MaintenanceLoopAsync()
    {
        try
        {
            while (await _timer.WaitForNextTickAsync().ConfigureAwait(false))
            {
                if (IsClosing) break;
                CheckTimeouts(Environment.TickCount64);
            }
        }
        catch (ObjectDisposedException)
        {
            // Disconnect disposed the timer.
        }
    }

    private void CheckTimeouts(long now)
    {
        if (_socket is not null && _socket.SendStalledMilliseconds(now) > Options.SendStallTimeout.TotalMilliseconds)
        {
            Disconnect(DisconnectReason.SendStalled, $"no send progress for {Options.SendStallTimeout}");
            return;
        }
        if (!IsHandshakeComplete)
        {
            if (now - Counters.ConnectedTicks > Options.HandshakeTimeout.TotalMilliseconds)
                Disconnect(DisconnectReason.HandshakeTimeout, $"no version handshake within {Options.HandshakeTimeout}");
            return;
        }
        long lastReceive = Math.Max(Counters.LastReceiveTicks, Counters.ConnectedTicks);
        if (now - lastReceive > Options.IdleTimeout.TotalMilliseconds)
        {
            Disconnect(DisconnectReason.IdleTimeout, $"nothing received for {Options.IdleTimeout}");
            return;
        }
        if (Volatile.Read(ref _pingQueued) != 0 && _pingSend is not { IsCompleted: false })
        {
            Volatile.Write(ref _pingQueued, 0);
            SendPing(now);
            return;
        }
        if (Volatile.Read(ref _pingNonce) != 0)
        {
            if (now - _pingSentTicks > Options.PingTimeout.TotalMilliseconds)
                Disconnect(DisconnectReason.PingTimeout, $"no pong within {Options.PingTimeout}");
            return;
        }
        if (_pingSentTicks == 0 || now - _pingSentTicks >= Options.PingInterval.TotalMilliseconds) SendPing(now);
    }

    private void SendPing(long now)
    {
        if (_pingSend is { IsCompleted: false }) return;
        ulong nonce;
        do nonce = (ulong)Random.Shared.NextInt64(long.MinValue, long.MaxValue);
        while (nonce == 0);
        _pingSentTicks = now;
        Volatile.Write(ref _pingSentTimestamp, Stopwatch.GetTimestamp());
        Volatile.Write(ref _pingNonce, nonce);
        // Never await here: the timer must keep checking for a stalled send while the ping waits for room.
        var send = SendAsync(new PingMessage(nonce));
        _pingSend = send.IsCompleted ? null : send.AsTask();
    }

    private void OnPong(PongMessage pong)
    {
        ulong outstanding = Volatile.Read(ref _pingNonce);
        if (outstanding == 0) return; // unsolicited
        if (pong.Nonce == outstanding)
        {
            var roundTrip = Stopwatch.GetElapsedTime(Volatile.Read(ref _pingSentTimestamp));
            if (Interlocked.CompareExchange(ref _pingNonce, 0, outstanding) == outstanding) Counters.PingAnswered(roundTrip);
        }
        else if (pong.Nonce == 0)
        {
            Interlocked.CompareExchange(ref _pingNonce, 0, outstanding); // Core: a zero nonce cancels the ping
        }
        // Any other nonce is a late or mismatched pong: Core logs it and keeps waiting.
    }
}
