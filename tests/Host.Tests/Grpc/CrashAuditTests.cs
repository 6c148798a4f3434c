using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Rapport.Adapters.Storage.Sqlite;
using Rapport.Application.Consent.Record;
using Rapport.Application.Contacts;
using Rapport.Application.Partners;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;
using Rapport.Host.Composition;
using Rapport.Protocol.V1;

namespace Rapport.Host.Tests.Grpc;

/// <summary>
/// A real `rapport serve-grpc` process answers consent-checked reads under load and is killed (SIGKILL) mid-way.
/// Every answer a partner received must have its policy decision in the audit log the node finds when it opens
/// the file again: reads are decided on a snapshot, and the gate answers only after the journal's commit.
/// </summary>
public sealed class CrashAuditTests
{
    private const int Contacts = 1200;
    private const int AnswersBeforeKill = 250;

    private static string? LastFailure { get; set; }

    [Fact]
    public async Task A_node_killed_under_load_has_an_audit_entry_for_every_answer_it_gave()
    {
        var dir = Path.Combine(Path.GetTempPath(), "rapport-crash-" + Guid.NewGuid().ToString("N"));
        try
        {
            Assert.Equal(0, (await InProcessCli.RunAsync(dir, "init")).ExitCode);
            var (ids, key) = await SeedAsync(dir);
            var port = FreePort();
            using var node = Start(dir, port, out var listening);
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));

            using var http = new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = true })
            {
                DefaultRequestVersion = HttpVersion.Version20,
                DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            var answered = new ConcurrentBag<string>();
            var next = -1;
            var killed = 0;
            var workers = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < ids.Count && Volatile.Read(ref killed) == 0)
                {
                    var contact = await TryGetAsync(http, port, key, ids[i]);
                    if (contact is not null)
                    {
                        answered.Add(contact);
                    }

                    if (answered.Count >= AnswersBeforeKill && Interlocked.Exchange(ref killed, 1) == 0)
                    {
                        node.Kill(entireProcessTree: true); // SIGKILL: no shutdown code runs
                    }
                }
            })).ToArray();
            await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(2));
            node.Kill(entireProcessTree: true); // also when too few answers came: never leave the node running
            await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

            Assert.True(answered.Count >= AnswersBeforeKill, $"only {answered.Count} answers before the node stopped; last refusal: {LastFailure}");
            var audited = await AuditedContactsAsync(dir);
            var unaudited = answered.Where(c => !audited.Contains(c)).ToList();
            Assert.True(unaudited.Count == 0, $"{unaudited.Count} of {answered.Count} answers have no audit entry, e.g. {unaudited.FirstOrDefault()}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }
    }

    /// <summary>One GetContact for marketing; the contact id when the node answered with the contact, else null.</summary>
    private static async Task<string?> TryGetAsync(HttpClient http, int port, string key, ContactId id)
    {
        var message = new GetContactRequest { Name = $"contacts/{id}", Purpose = "marketing" }.ToByteArray();
        var body = new byte[5 + message.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(1), (uint)message.Length);
        message.CopyTo(body, 5);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/rapport.v1.ContactsService/GetContact")
        {
            Content = new ByteArrayContent(body),
            Version = HttpVersion.Version20, // a request built by hand does not take the client's default version
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.TryAddWithoutValidation("authorization", $"Bearer {key}");
        try
        {
            using var response = await http.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK || bytes.Length < 5
                || !response.TrailingHeaders.TryGetValues("grpc-status", out var status) || status.Single() != "0")
            {
                LastFailure = $"{response.StatusCode} {string.Join(",", response.TrailingHeaders.SelectMany(h => h.Value.Select(v => h.Key + "=" + v)))} {string.Join(",", response.Headers.SelectMany(h => h.Value.Select(v => h.Key + "=" + v)))}";
                return null;
            }

            var contact = Rapport.Protocol.V1.Contact.Parser.ParseFrom(bytes.AsSpan(5));
            return contact.Name["contacts/".Length..];
        }
        catch (HttpRequestException)
        {
            return null; // the node died with this call in flight: nothing was answered
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static async Task<(List<ContactId> Ids, string Key)> SeedAsync(string dir)
    {
        await using var node = new OpenedNode(await NodeServices.OpenAsync(new DataDirectory(dir), CancellationToken.None));
        var create = node.Get<CreateContact>();
        var record = node.Get<RecordConsent>();
        var ids = new List<ContactId>(Contacts);
        for (var i = 0; i < Contacts; i++)
        {
            var contact = (await create.ExecuteAsync(new ContactInput($"Customer {i:D5}"))).Value;
            Assert.True((await record.ExecuteAsync(new RecordConsentCommand(
                contact.Id, Purpose.Marketing, LegalBasis.Consent, new ConsentSource.Collected(CollectionChannel.Form, null), [], null, null, null, "test"))).IsSuccess);
            ids.Add(contact.Id);
        }

        var key = (await node.Get<AddPartner>().ExecuteAsync("crash", "contacts:read", "1000000/s")).Value.ApiKey;
        return (ids, key);
    }

    private static async Task<HashSet<string>> AuditedContactsAsync(string dir)
    {
        // Opening as the node would: SQLite replays the WAL the killed process left behind.
        await using var database = await SqliteDatabase.OpenAsync(new DataDirectory(dir).DatabasePath, create: false);
        await using var connection = new SqliteConnection($"Data Source={database.Path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT contact_id FROM audit_log WHERE action = 'policy.decided' AND actor = 'partner:crash' AND detail LIKE '%verdict=allow%'";
        var audited = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            audited.Add(reader.GetString(0));
        }

        return audited;
    }

    private static Process Start(string dir, int port, out TaskCompletionSource listening)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "rapport.dll"), "serve-grpc", "--data", dir, "--grpc", $"127.0.0.1:{port}"])
        {
            start.ArgumentList.Add(arg);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException("rapport serve-grpc ended before listening"));
            }
            else if (e.Data.Contains("gRPC partner API listening on", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        listening = ready;
        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
