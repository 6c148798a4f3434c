using System.Diagnostics;
using System.Text.Json;

namespace Rapport.Interop.Tests.Grpc;

/// <summary>One run of the grpc-js client script; always killed if still running when disposed.</summary>
internal sealed class NodeClient : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;

    private NodeClient(Process process)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public static NodeClient Start(string scenario, Uri address, string? arg = null)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryLayout.GrpcClientDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("client.js");
        start.ArgumentList.Add(scenario);
        start.ArgumentList.Add($"{address.Host}:{address.Port}");
        if (arg is not null)
        {
            start.ArgumentList.Add(arg);
        }

        return new NodeClient(Process.Start(start) ?? throw new InvalidOperationException("cannot start node"));
    }

    public static async Task<JsonElement> RunAsync(string scenario, Uri address, string? arg = null)
    {
        await using var client = Start(scenario, address, arg);
        return await client.ReadLineAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Writes one line to the script's stdin (the cancel scenario cancels its call on it).</summary>
    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>The next JSON line the script prints.</summary>
    public async Task<JsonElement> ReadLineAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        string? line;
        try
        {
            line = await _process.StandardOutput.ReadLineAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"grpc-js client printed nothing within {timeout}");
        }

        if (line is null)
        {
            await _process.WaitForExitAsync();
            throw new InvalidOperationException($"grpc-js client exited ({_process.ExitCode}) without a result: {await _stderr}");
        }

        return JsonDocument.Parse(line).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
