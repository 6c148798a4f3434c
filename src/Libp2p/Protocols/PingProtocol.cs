using System.Diagnostics;
using System.Security.Cryptography;
using Rapport.Libp2p.Muxing;

namespace Rapport.Libp2p.Protocols;

/// <summary>libp2p ping (/ipfs/ping/1.0.0): the dialer sends 32 random bytes, the listener echoes them.</summary>
public static class PingProtocol
{
    public const string Id = "/ipfs/ping/1.0.0";
    public const int PayloadSize = 32;

    /// <summary>Listener side: echoes every 32-byte payload until the dialer closes its side, then closes ours.</summary>
    public static async Task HandleAsync(Stream stream, ProtocolContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var payload = new byte[PayloadSize];
        while (true)
        {
            var read = await stream.ReadAtLeastAsync(payload, PayloadSize, throwOnEndOfStream: false, ct).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            if (read < PayloadSize)
            {
                throw new InvalidDataException($"ping payload from {context?.RemotePeerId} ended after {read} of {PayloadSize} bytes");
            }

            await stream.WriteAsync(payload, ct).ConfigureAwait(false);
            await stream.FlushAsync(ct).ConfigureAwait(false);
        }

        if (stream is IHalfClosableStream halfClosable)
        {
            await halfClosable.CloseWriteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Dialer side: one round trip on an open ping stream; may be called repeatedly on the same stream.</summary>
    public static async Task<TimeSpan> PingAsync(Stream stream, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var payload = RandomNumberGenerator.GetBytes(PayloadSize);
        var echo = new byte[PayloadSize];
        var started = Stopwatch.GetTimestamp();
        await stream.WriteAsync(payload, ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
        var read = await stream.ReadAtLeastAsync(echo, PayloadSize, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (read < PayloadSize)
        {
            throw new EndOfStreamException($"ping stream closed after {read} of {PayloadSize} echoed bytes");
        }

        if (!CryptographicOperations.FixedTimeEquals(payload, echo))
        {
            throw new InvalidDataException("ping echo does not match the payload sent");
        }

        return elapsed;
    }
}
