using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Rapport.Adapters.Storage.Sqlite;
using Rapport.Application.Common;
using Rapport.Domain.Common;

namespace Rapport.Host.Control;

/// <summary>
/// The running node's control socket: a Unix domain socket in the data dir, readable and writable by its owner only.
/// Each connection may send any number of request lines; each is answered with one response line, in order. A bad
/// line gets an error response; an over-long line closes that connection; the node keeps serving either way.
/// </summary>
public sealed class ControlServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly string _path;
    private readonly Func<ControlRequest, CancellationToken, Task<ControlResponse>> _handle;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;

    private ControlServer(Socket listener, string path, Func<ControlRequest, CancellationToken, Task<ControlResponse>> handle, ILogger logger)
    {
        _listener = listener;
        _path = path;
        _handle = handle;
        _logger = logger;
        _accepting = AcceptLoopAsync();
    }

    /// <summary>
    /// Binds <paramref name="path"/>. The caller holds the data dir's <see cref="DaemonLock"/>, so a socket file already
    /// there was left by a node that crashed and is replaced.
    /// </summary>
    public static ControlServer Start(string path, Func<ControlRequest, CancellationToken, Task<ControlResponse>> handle, ILogger<ControlServer> logger)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(handle);
        ArgumentNullException.ThrowIfNull(logger);
        if (File.Exists(path))
        {
            ControlLog.StaleSocketRemoved(logger, path);
            File.Delete(path);
        }

        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));

            // Before Listen, so nobody else can connect in between.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            listener.Listen(16);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        return new ControlServer(listener, path, handle, logger);
    }

    private async Task AcceptLoopAsync()
    {
        var connections = new List<Task>();
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                break;
            }

            connections.RemoveAll(t => t.IsCompleted);
            connections.Add(ServeAsync(client));
        }

        await Task.WhenAll(connections).ConfigureAwait(false);
    }

    private async Task ServeAsync(Socket client)
    {
        var stream = new NetworkStream(client, ownsSocket: true);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                var reader = new LineReader(stream);
                while (!_stopping.IsCancellationRequested)
                {
                    var line = await reader.ReadLineAsync(_stopping.Token).ConfigureAwait(false);
                    if (line is null)
                    {
                        return;
                    }

                    ControlResponse response;
                    if (line.TooLong)
                    {
                        response = ControlResponse.Failure(new Error(ControlErrors.BadRequest, $"a request line is at most {ControlProtocol.MaxLineLength} bytes"));
                    }
                    else if (ControlProtocol.ParseRequest(line.Text).TryGetValue(out var request))
                    {
                        response = await HandleAsync(request).ConfigureAwait(false);
                    }
                    else
                    {
                        response = ControlResponse.Failure(ControlProtocol.ParseRequest(line.Text).Error);
                    }

                    var bytes = Encoding.UTF8.GetBytes(ControlProtocol.Serialize(response) + "\n");
                    await stream.WriteAsync(bytes, _stopping.Token).ConfigureAwait(false);
                    if (line.TooLong)
                    {
                        return;
                    }
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client went away or the node is stopping; nothing to answer.
            }
        }
    }

    private async Task<ControlResponse> HandleAsync(ControlRequest request)
    {
        // Everything the command logs, in any component, carries its name.
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["ControlCommand"] = request.Command });
        try
        {
            return await _handle(request, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return ControlResponse.Failure(new Error(ControlErrors.Stopping, "the node is stopping"));
        }
        catch (StoreUnavailableException e)
        {
            return ControlResponse.Failure(new Error(StoreErrors.Unavailable, e.Message));
        }
        catch (SqliteException e)
        {
            ControlLog.StoreFailed(_logger, request.Command, e.Message);
            return ControlResponse.Failure(new Error(StoreErrors.Unavailable, SqliteDatabase.Explain(e, "of this node").Message));
        }
#pragma warning disable CA1031 // one failing command must not take the node down; it is logged and answered
        catch (Exception e)
#pragma warning restore CA1031
        {
            ControlLog.CommandFailed(_logger, request.Command, e);
            return ControlResponse.Failure(new Error(ControlErrors.Internal, $"{e.GetType().Name}: {e.Message}"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _accepting.ConfigureAwait(false);
        try
        {
            File.Delete(_path);
        }
        catch (IOException e)
        {
            ControlLog.SocketNotRemoved(_logger, _path, e.Message);
        }

        _stopping.Dispose();
    }
}
