using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;

namespace Rapport.Adapters.Grpc.Hosting;

/// <summary>
/// Plaintext endpoints speak HTTP/2 with prior knowledge only, where Kestrel would drop an HTTP/1.x request with a
/// bare connection error. This connection middleware peeks at the first bytes: the HTTP/2 preface passes through,
/// anything else gets a readable "426 Upgrade Required" and the connection is closed.
/// </summary>
internal static class Http1Rejection
{
    private static readonly byte[] Preface = "PRI * HTTP/2.0"u8.ToArray();

    private static readonly byte[] Response = Encoding.ASCII.GetBytes(
        "HTTP/1.1 426 Upgrade Required\r\nUpgrade: h2c\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n" +
        "Content-Length: 57\r\n\r\ngRPC requires HTTP/2 (prior knowledge h2c on this port).\n");

    // A peer that connects and stays silent must not hold the connection before Kestrel's own timeouts apply.
    private static readonly TimeSpan PrefaceTimeout = TimeSpan.FromSeconds(10);

    public static Func<ConnectionDelegate, ConnectionDelegate> Middleware => next => async connection =>
    {
        var input = connection.Transport.Input;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        timeout.CancelAfter(PrefaceTimeout);
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                connection.Abort();
                return;
            }

            var buffer = result.Buffer;
            var length = (int)Math.Min(buffer.Length, Preface.Length);
            var head = buffer.Slice(0, length).ToArray();
            if (!Preface.AsSpan(0, length).SequenceEqual(head))
            {
                input.AdvanceTo(buffer.End);
                await connection.Transport.Output.WriteAsync(Response, connection.ConnectionClosed).ConfigureAwait(false);
                await connection.Transport.Output.CompleteAsync().ConfigureAwait(false);
                return;
            }

            if (length == Preface.Length)
            {
                input.AdvanceTo(buffer.Start);
                break;
            }

            if (result.IsCompleted)
            {
                input.AdvanceTo(buffer.End);
                return;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }

        await next(connection).ConfigureAwait(false);
    };
}
