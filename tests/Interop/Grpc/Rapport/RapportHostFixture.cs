using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rapport.Application.Consent.Record;
using Rapport.Application.Contacts;
using Rapport.Application.Interactions;
using Rapport.Application.Pipeline;
using Rapport.Domain.Consent;
using Rapport.Domain.Interactions;
using Rapport.Host.Composition;

namespace Rapport.Interop.Tests.Grpc.Rapport;

/// <summary>
/// The real `rapport` process serving the partner API (`rapport serve-grpc`) on a temp data dir, with partners
/// added through `rapport partners add` and a few contacts (some consenting to marketing) seeded through the use cases.
/// </summary>
public sealed partial class RapportHostFixture : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "rapport-grpc-" + Guid.NewGuid().ToString("N"));
    private Process? _host;

    public Uri Address { get; private set; } = null!;

    /// <summary>Every scope, a generous rate.</summary>
    public string FullKey { get; private set; } = null!;

    /// <summary>contacts:read only.</summary>
    public string ReadOnlyKey { get; private set; } = null!;

    /// <summary>All scopes, 3 calls a minute.</summary>
    public string ThrottledKey { get; private set; } = null!;

    public string RevokedKey { get; private set; } = null!;

    public string MarketingContact { get; private set; } = null!;

    public string NoConsentContact { get; private set; } = null!;

    public string RevokedConsentContact { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await NpmInstall.EnsureAsync(RepositoryLayout.GrpcClientDirectory);
        Directory.CreateDirectory(_data);
        var data = new DataDirectory(_data);
        await NewNode.CreateAsync(data);
        await SeedAsync(data);
        FullKey = await AddPartnerAsync("mailer", "contacts:read,contacts:write,deals:read,deals:write,consent:read,policy:evaluate,interactions:read,interactions:write,scores:read", "1000/s");
        ReadOnlyKey = await AddPartnerAsync("billing", "contacts:read", null);
        ThrottledKey = await AddPartnerAsync("slowpoke", "contacts:read", "3/m");
        RevokedKey = await AddPartnerAsync("former", "contacts:read", null);
        var (revokeExit, revokeOut) = await RunCliAsync(TimeSpan.FromSeconds(60), "partners", "revoke", "former");
        Assert.True(revokeExit == 0, revokeOut);
        await StartHostAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is { HasExited: false })
        {
            _host.Kill(entireProcessTree: true);
            await _host.WaitForExitAsync();
        }

        _host?.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // SQLite's WAL files may still be closing; the temp dir is cleaned by the OS eventually.
        }
    }

    /// <summary>Whether the host process is still running (it must survive bad input).</summary>
    public bool HostIsRunning => _host is { HasExited: false };

    private async Task SeedAsync(DataDirectory data)
    {
        // Opened as a one-shot command opens a node: the use cases from its container, the store closed at the end.
        await using var node = new OpenedNode(await NodeServices.OpenAsync(data, CancellationToken.None));
        var create = node.Get<CreateContact>();
        var ada = (await create.ExecuteAsync(new ContactInput("Ada Lovelace", "ada@example.org", Company: "Analytical"))).Value;
        var bob = (await create.ExecuteAsync(new ContactInput("Bob Noconsent", "bob@example.org"))).Value;
        var cy = (await create.ExecuteAsync(new ContactInput("Cy Revoked", "cy@example.org"))).Value;
        var record = node.Get<RecordConsent>();
        foreach (var contact in new[] { ada, cy })
        {
            var granted = await record.ExecuteAsync(new RecordConsentCommand(
                contact.Id, Purpose.Marketing, LegalBasis.Consent, new ConsentSource.Collected(CollectionChannel.Form, "signup"), [], null, null, null, "test"));
            Assert.True(granted.IsSuccess, granted.IsFailure ? granted.Error.Message : null);
        }

        var revoked = await node.Get<Application.Consent.Revoke.RevokeConsent>()
            .ExecuteAsync(new Application.Consent.Revoke.RevokeConsentCommand(cy.Id, Purpose.Marketing, "test"));
        Assert.True(revoked.IsSuccess, revoked.IsFailure ? revoked.Error.Message : null);

        var log = node.Get<LogInteraction>();
        for (var i = 1; i <= 3; i++)
        {
            var logged = await log.ExecuteAsync(new LogInteractionRequest(ada.Id, InteractionType.Call, $"call {i}", At: DateTimeOffset.UtcNow.AddMinutes(-10 + i)));
            Assert.True(logged.IsSuccess);
        }

        var pipeline = await node.Get<CreatePipeline>().ExecuteAsync("sales", ["lead:10", "proposal:50", "negotiation:80"]);
        Assert.True(pipeline.IsSuccess, pipeline.IsFailure ? pipeline.Error.Message : null);
        MarketingContact = $"contacts/{ada.Id}";
        NoConsentContact = $"contacts/{bob.Id}";
        RevokedConsentContact = $"contacts/{cy.Id}";
    }

    private async Task<string> AddPartnerAsync(string name, string scopes, string? rate)
    {
        var args = new List<string> { "--json", "partners", "add", name, "--scopes", scopes };
        if (rate is not null)
        {
            args.AddRange(["--rate", rate]);
        }

        var (exit, output) = await RunCliAsync(TimeSpan.FromSeconds(60), [.. args]);
        Assert.True(exit == 0, output);
        return JsonDocument.Parse(output).RootElement.GetProperty("apiKey").GetString()!;
    }

    private async Task<(int ExitCode, string Output)> RunCliAsync(TimeSpan timeout, params string[] args)
    {
        using var process = Process.Start(CliStart(args)) ?? throw new InvalidOperationException("cannot start rapport");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private ProcessStartInfo CliStart(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rapport.dll"));
        start.ArgumentList.Add("--data");
        start.ArgumentList.Add(_data);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    private async Task StartHostAsync()
    {
        // Port 0 and the address the host reports: probing a free port first would race anything binding it meanwhile.
        _host = Process.Start(CliStart(["serve-grpc", "--grpc", "127.0.0.1:0"])) ?? throw new InvalidOperationException("cannot start rapport");
        var stderr = _host.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var line = await _host.StandardOutput.ReadLineAsync(cts.Token)
                       ?? throw new InvalidOperationException($"rapport serve-grpc exited: {await stderr}");
            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                Address = new Uri(match.Groups["address"].Value);
                break;
            }
        }

        Assert.Equal("127.0.0.1", Address.Host);
        Assert.NotEqual(0, Address.Port);
        _ = DrainAsync(_host.StandardOutput);
    }

    [GeneratedRegex(@"listening on (?<address>https?://\S+)")]
    private static partial Regex ListeningLine();

    private static async Task DrainAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is not null)
        {
        }
    }
}
