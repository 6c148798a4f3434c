using System.Diagnostics;
using System.Text.Json;

namespace Rapport.Interop.Tests.Grpc.Rapport;

/// <summary>Runs one scenario of rapport-client.js (real @grpc/grpc-js) and returns its JSON result.</summary>
internal static class RapportClient
{
    public static async Task<JsonElement> RunAsync(string scenario, Uri address, string? key, object? request = null)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryLayout.GrpcClientDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("rapport-client.js");
        start.ArgumentList.Add(scenario);
        start.ArgumentList.Add($"{address.Host}:{address.Port}");
        start.ArgumentList.Add(key ?? string.Empty);
        if (request is not null)
        {
            start.ArgumentList.Add(request as string ?? JsonSerializer.Serialize(request));
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start node");
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(cts.Token)
                       ?? throw new InvalidOperationException($"rapport-client.js {scenario} printed nothing: {await stderr}");
            return JsonDocument.Parse(line).RootElement.Clone();
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    public static int Code(this JsonElement result) => result.GetProperty("code").GetInt32();

    public static JsonElement Response(this JsonElement result) => result.GetProperty("response");

    /// <summary>The decoded google.rpc.ErrorInfo of a failed call.</summary>
    public static JsonElement ErrorInfo(this JsonElement result) =>
        result.GetProperty("statusDetails").EnumerateArray().First(d => d.GetProperty("type").GetString() == "ErrorInfo");
}
