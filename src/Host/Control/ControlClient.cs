using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Rapport.Domain.Common;
using Rapport.Host.Composition;

namespace Rapport.Host.Control;

/// <summary>The CLI's side of the control socket: one request, one response, on a fresh connection.</summary>
public static class ControlClient
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Sends <paramref name="command"/> to the node running on <paramref name="data"/>. When none runs, the response
    /// is an error with code <see cref="ControlErrors.NoNode"/> and a message telling how to start it.
    /// </summary>
    public static async Task<ControlResponse> CallAsync(DataDirectory data, string command, object args, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!File.Exists(data.SocketPath))
        {
            return NoNode(data);
        }

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(data.SocketPath), deadline.Token).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return NoNode(data);
        }

        await using var stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(ControlProtocol.Serialize(command, args) + "\n"), deadline.Token).ConfigureAwait(false);
            var line = await new LineReader(stream).ReadLineAsync(deadline.Token).ConfigureAwait(false);
            if (line is null || line.TooLong)
            {
                return ControlResponse.Failure(new Error(ControlErrors.Closed, $"the node for data dir {data.Root} closed the control connection without answering"));
            }

            var parsed = ControlProtocol.ParseResponse(line.Text);
            return parsed.IsSuccess ? parsed.Value : ControlResponse.Failure(parsed.Error);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ControlResponse.Failure(new Error(ControlErrors.Timeout, $"the node for data dir {data.Root} did not answer within {(timeout ?? DefaultTimeout).TotalSeconds:0} s"));
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            return ControlResponse.Failure(new Error(ControlErrors.Closed, $"the control connection to the node for data dir {data.Root} failed: {e.Message}"));
        }
    }

    private static ControlResponse NoNode(DataDirectory data) =>
        ControlResponse.Failure(new Error(ControlErrors.NoNode, $"no node is running for data dir {data.Root}; start it with `rapport run --data {data.Root}`"));

    /// <summary>Deserialises a successful response's result.</summary>
    public static T Read<T>(ControlResponse response) =>
        response.Result is { } result ? result.Deserialize<T>(ControlProtocol.Json)! : throw new InvalidOperationException("the response has no result");
}
