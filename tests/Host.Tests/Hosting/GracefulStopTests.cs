using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Data.Sqlite;
using Rapport.Host.Tests.Daemon;
using Rapport.Protocol.V1;

namespace Rapport.Host.Tests.Hosting;

/// <summary>
/// `rapport run` stopped by SIGTERM while partners call it: every call ends OK or UNAVAILABLE, every answered call is
/// in the audit log after the stop, the process exits 0, and the next start opens cleanly with a verifying chain.
/// </summary>
public sealed class GracefulStopTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Sigterm_under_load_answers_or_refuses_each_call_keeps_every_answer_and_exits_0()
    {
        await _cli.OkAsync("init");
        var contact = (await _cli.OkAsync("contacts", "add", "--name", "Ada Lovelace", "--email", "ada@example.org", "--json")).Json.GetProperty("id").GetString();
        var key = (await _cli.OkAsync("partners", "add", "loader", "--scopes", "contacts:read", "--rate", "1000000/s", "--json")).Json.GetProperty("apiKey").GetString();
        var node = await NodeProcess.StartAsync(_cli.Root, "--grpc", "127.0.0.1:0", "--shutdown-timeout", "00:00:05");
        var outcomes = new ConcurrentQueue<StatusCode>();
        using var channel = GrpcChannel.ForAddress(node.GrpcAddress!);
        var client = new ContactsService.ContactsServiceClient(channel);
        var headers = new Metadata { { "authorization", $"Bearer {key}" } };
        using var done = new CancellationTokenSource();

        async Task CallerAsync()
        {
            while (!done.IsCancellationRequested)
            {
                try
                {
                    await client.GetContactAsync(new GetContactRequest { Name = $"contacts/{contact}" }, headers, deadline: DateTime.UtcNow.AddSeconds(20));
                    outcomes.Enqueue(StatusCode.OK);
                }
                catch (RpcException e)
                {
                    outcomes.Enqueue(e.StatusCode);

                    // As a real client backs off: a refused call retried at once, by eight callers, spins the test
                    // process's cores and delays its noticing that the node exited (seen: 48 s under the full suite).
                    await Task.Delay(20);
                }
            }
        }

        var callers = Enumerable.Range(0, 8).Select(_ => Task.Run(CallerAsync)).ToArray();
        while (outcomes.Count(o => o == StatusCode.OK) < 50)
        {
            await Task.Delay(20);
        }

        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await node.StopAsync();
        var stopped = stopping.Elapsed;
        var exitCode = node.ExitCode;
        await Task.Delay(200);
        await done.CancelAsync();
        await Task.WhenAll(callers);
        await node.DisposeAsync();

        Assert.True(exitCode == 0, $"exit {exitCode}; log: {node.Log}");
        // The shutdown timeout bounds the drain; process start-up and tear-down on a loaded machine come on top
        // (alone this stop takes ~0.1 s from SIGTERM to exit, most of it the node draining and closing its parts).
        Assert.True(stopped < TimeSpan.FromSeconds(5 + 10), $"the stop took {stopped}, far past the 5 s shutdown timeout; log: {node.Log}");
        var answered = outcomes.Count(o => o == StatusCode.OK);
        Assert.All(outcomes, o => Assert.True(o is StatusCode.OK or StatusCode.Unavailable, $"a call ended {o}; log: {node.Log}"));
        Assert.True(AuditedCalls() >= answered, $"{answered} calls answered, {AuditedCalls()} audited");
        Assert.False(File.Exists(Path.Combine(_cli.Root, "rapport.sock")), "the control socket outlived the node");

        await _cli.OkAsync("audit", "verify");
        await using var again = await NodeProcess.StartAsync(_cli.Root);
        await again.StopAsync();
        Assert.Equal(0, again.ExitCode);
    }

    private long AuditedCalls()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_cli.Root, "rapport.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM audit_log WHERE action = 'partner.call' AND detail LIKE '%decision=ok%'";
        return (long)command.ExecuteScalar()!;
    }
}
