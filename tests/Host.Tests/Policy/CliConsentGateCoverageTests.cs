using Microsoft.Data.Sqlite;
using Rapport.Domain.Policy;
using Rapport.Host.Cli;
using Rapport.Host.Daemon;
using Rapport.Host.Hosting;
using Rapport.Host.Tests.Cli;
using Rapport.Host.Tests.Consent;

namespace Rapport.Host.Tests.Policy;

/// <summary>
/// Every `rapport` command and every control-socket command is listed here as either reading a contact's personal
/// data — and then each run is exactly one audited policy decision, denied without consent with the reason and allowed
/// with it — or as no such read, with the reason why. A command added without a line here fails the first tests.
/// </summary>
[Collection("Cli")]
public sealed class CliConsentGateCoverageTests
{
    /// <summary>Command path → (arguments for a contact id, the action it is decided as, whether a denial exits 2).</summary>
    private static readonly Dictionary<string, Read> Reads = new(StringComparer.Ordinal)
    {
        ["contacts show"] = new(c => ["contacts", "show", c, "--purpose", "marketing"], PolicyActions.ReadContact, DenialFails: true),
        ["contacts list"] = new(_ => ["contacts", "list", "--purpose", "marketing", "--json"], PolicyActions.ReadContact, DenialFails: false),
        ["contacts export"] = new(_ => ["contacts", "export", "{dir}/out.csv", "--purpose", "marketing"], PolicyActions.ExportContacts, DenialFails: false),
        ["interactions timeline"] = new(c => ["interactions", "timeline", c, "--purpose", "marketing"], PolicyActions.ReadInteractions, DenialFails: true),
        ["policy eval"] = new(c => ["policy", "eval", PolicyActions.ExportForMarketing, "--contact", c], PolicyActions.ExportForMarketing, DenialFails: false),
        ["scoring score"] = new(c => ["scoring", "score", "--contact", c], PolicyActions.ScoreLead, DenialFails: true, Purpose: "analytics"),
        ["scoring explain"] = new(c => ["scoring", "explain", "--contact", c], PolicyActions.ScoreLead, DenialFails: true, Purpose: "analytics"),
        ["scoring batch"] = new(_ => ["scoring", "batch", "--json"], PolicyActions.ScoreLead, DenialFails: false, Purpose: "analytics"),
    };

    /// <summary>Commands that learn from every consenting contact; their consent tests are their own (they need labelled history).</summary>
    private static readonly Dictionary<string, string> Trainings = new(StringComparer.Ordinal)
    {
        ["scoring train"] = $"{PolicyActions.TrainModel} for every candidate, one entry: Scoring/ConversionTrainingTests (--csv learns from a file, not from contacts)",
    };

    private static readonly Dictionary<string, string> NotARead = new(StringComparer.Ordinal)
    {
        ["init"] = "creates the node's own store and identity",
        ["run"] = "starts the daemon; what it serves is covered by the control-socket and gRPC lists",
        ["serve-grpc"] = "starts the partner API; every method is classified in the gRPC coverage test",
        ["demo"] = "a tour on two throw-away nodes of its own; every read it shows is a command classified here",
        ["demo crm"] = "a tour on throw-away nodes of its own",
        ["peers ping"] = "network reachability of a peer",
        ["peers identify"] = "a peer's protocol identity",
        ["peers connect"] = "dials a peer",
        ["peers list"] = "the address book of peers, no contact data",
        ["contacts add"] = "a write by the business, audited as contact.created",
        ["contacts update"] = "a write by the business, audited as contact.updated",
        ["contacts delete"] = "a delete by the business, audited as contact.deleted",
        ["contacts import"] = "writes by the business; each created contact audited",
        ["interactions log"] = "a write by the business, audited as interaction.logged",
        ["pipelines create"] = "pipeline data of the business",
        ["pipelines list"] = "pipeline data of the business",
        ["deals create"] = "pipeline data; the contact is named by id only",
        ["deals move"] = "pipeline data of the business",
        ["deals won"] = "pipeline data of the business",
        ["deals lost"] = "pipeline data of the business",
        ["deals list"] = "pipeline data; a contact appears by id only",
        ["deals forecast"] = "aggregate amounts, no personal data",
        ["consent grant"] = "records the customer's consent: what the gate decides on",
        ["consent revoke"] = "records the customer's revocation: what the gate decides on",
        ["consent show"] = "the consent records themselves, proof of what the customer agreed to",
        ["consent list"] = "the signed grants themselves (hashes, purposes, field levels)",
        ["consent verify"] = "checks a signed grant's signature and hash",
        ["share request"] = "asks a customer's node for a grant; nothing is read",
        ["requests list"] = "customer side: requests a business sent, no data of theirs",
        ["requests show"] = "customer side: one request a business sent",
        ["requests accept"] = "customer side: the customer grants consent",
        ["requests decline"] = "customer side: the customer declines",
        ["sync status"] = "sync progress per peer, no record content",
        ["shared log"] = "a write to the shared record; it reaches the other node only in a delta the gate decides (send_shared_record)",
        ["shared tag"] = "a write to the shared record; it reaches the other node only in a delta the gate decides (send_shared_record)",
        ["profile set"] = "customer side: the customer's own profile",
        ["profile clear"] = "customer side: the customer's own profile",
        ["profile show"] = "customer side: the customer's own profile",
        ["audit verify"] = "checks the audit chain's hashes",
        ["audit list"] = "the audit log itself, the record of every decision",
        ["partners add"] = "partner keys and scopes",
        ["partners list"] = "partner keys and scopes",
        ["partners revoke"] = "partner keys and scopes",
        ["web passwd"] = "the web console's admin passphrase: no customer data",
        ["scoring predict"] = "scores the rows of an imported CSV file, not the node's contacts",
        ["scoring models list"] = "model cards: hashes and metrics, no personal data",
        ["scoring models show"] = "a model card: hashes and metrics, no personal data",
    };

    private static readonly Dictionary<string, string> ControlNotARead = new(StringComparer.Ordinal)
    {
        ["node.status"] = "the node's own identity and listen addresses",
        ["peers.connect"] = "dials a peer",
        ["share.request"] = "asks a customer's node for a grant; nothing is read",
        ["requests.accept"] = "customer side: the customer grants consent",
        ["requests.decline"] = "customer side: the customer declines",
        ["consent.revoke"] = "customer side: the customer revokes a signed grant",
        ["sync.status"] = "sync progress per peer, no record content",
        ["profile.set"] = "customer side: the customer's own profile",
        ["shared.log"] = "a write to the shared record; it reaches the other node only in a delta the gate decides (send_shared_record)",
        ["shared.tag"] = "a write to the shared record; it reaches the other node only in a delta the gate decides (send_shared_record)",
    };

    /// <summary>
    /// Uses of a shared record, decided by the gate on the pair's signed grant (one entry per use listing the fields);
    /// their behaviour is tested on two real stores in the Storage.Sqlite SharedRecordGateTests.
    /// </summary>
    private static readonly Dictionary<string, string> SharedRecordUses = new(StringComparer.Ordinal)
    {
        ["shared show"] = PolicyActions.ShowSharedRecord,
        ["shared set"] = PolicyActions.EditSharedRecord,
        ["shared clear"] = PolicyActions.EditSharedRecord,
    };

    private static readonly Dictionary<string, string> ControlSharedRecordUses = new(StringComparer.Ordinal)
    {
        ["shared.set"] = PolicyActions.EditSharedRecord,
    };

    /// <summary>
    /// Every protocol the node serves to its peers: the sync protocol's deltas are shared-record uses the gate decides;
    /// the others carry no personal data, with the reason.
    /// </summary>
    private static readonly Dictionary<string, string> ProtocolUses = new(StringComparer.Ordinal)
    {
        [Adapters.Libp2p.Sync.Libp2pSyncService.ProtocolId] = $"{PolicyActions.SendSharedRecord} and {PolicyActions.ReceiveSharedRecord} on the pair's grant, one entry per delta",
    };

    private static readonly Dictionary<string, string> ProtocolNotARead = new(StringComparer.Ordinal)
    {
        [Rapport.Libp2p.Protocols.PingProtocol.Id] = "echoes random bytes: reachability",
        [Rapport.Libp2p.Protocols.IdentifyProtocol.Id] = "the node's own public key, addresses and protocols",
        [Adapters.Libp2p.Sharing.ConsentProtocol.Id] = "requests, signed grants and declines: the consent the gate decides on, never record data",
    };

    public static TheoryData<string> ReadCommands => [.. Reads.Keys];

    [Fact]
    public void Every_command_is_classified()
    {
        var leaves = CommandTree.Runnable().ToList();

        Assert.NotEmpty(leaves);
        var unclassified = leaves.Where(l => new[] { Reads.ContainsKey(l), NotARead.ContainsKey(l), SharedRecordUses.ContainsKey(l), Trainings.ContainsKey(l) }.Count(x => x) != 1).ToList();
        Assert.True(unclassified.Count == 0, "not classified exactly once: " + string.Join(" | ", unclassified));
        Assert.Empty(Reads.Keys.Concat(NotARead.Keys).Concat(SharedRecordUses.Keys).Concat(Trainings.Keys).Except(leaves));
    }

    [Fact]
    public void Every_shared_record_use_is_an_action_of_the_policy()
    {
        foreach (var action in SharedRecordUses.Values.Concat(ControlSharedRecordUses.Values).Append(PolicyActions.SendSharedRecord).Append(PolicyActions.ReceiveSharedRecord))
        {
            Assert.NotNull(PolicyMatrix.Default.RuleFor(action));
        }
    }

    [Fact]
    public async Task Every_protocol_the_node_serves_is_classified()
    {
        var root = Directory.CreateTempSubdirectory("rapport-protocols-").FullName;
        try
        {
            var data = new Composition.DataDirectory(root);
            Assert.True((await Composition.NewNode.CreateAsync(data)).IsSuccess);
            var started = await RunningNode.StartAsync(data, [Rapport.Libp2p.Addressing.Multiaddr.Parse("/ip4/127.0.0.1/tcp/0").Value], _ => { }, CancellationToken.None);
            await using var node = started.Value;

            var served = node.Get<Rapport.Libp2p.Network.Libp2pHost>().Protocols.Ids;

            var unclassified = served.Where(id => !(ProtocolUses.ContainsKey(id) ^ ProtocolNotARead.ContainsKey(id))).ToList();
            Assert.True(unclassified.Count == 0, "not classified exactly once: " + string.Join(" | ", unclassified));
            Assert.Empty(ProtocolUses.Keys.Concat(ProtocolNotARead.Keys).Except(served));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Every_control_socket_command_is_classified()
    {
        var names = ControlCommands.Names.Distinct(StringComparer.Ordinal).ToList();

        var unclassified = names.Where(n => !(ControlNotARead.ContainsKey(n) ^ ControlSharedRecordUses.ContainsKey(n))).ToList();
        Assert.True(unclassified.Count == 0, "not classified exactly once: " + string.Join(" | ", unclassified));
        Assert.Empty(ControlNotARead.Keys.Concat(ControlSharedRecordUses.Keys).Except(names));
    }

    [Theory]
    [MemberData(nameof(ReadCommands))]
    public async Task Without_consent_one_audited_decision_denies_with_the_reason(string command)
    {
        await using var cli = await ConsentCli.CreateAsync();
        var contact = await cli.NewContactAsync();
        var read = Reads[command];
        // A candidate for every command: a consent for the purpose the command reads for, which the customer has since revoked.
        Assert.Equal(0, (await cli.RunAsync("consent", "grant", "--contact", contact, "--purpose", read.Purpose, "--source", "import")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("consent", "revoke", "--contact", contact, "--purpose", read.Purpose)).ExitCode);

        var run = await cli.RunAsync(Args(read, contact, cli));

        var decision = Assert.Single(await DecisionsAsync(cli, contact));
        Assert.Contains($"action={read.Action}", decision, StringComparison.Ordinal);
        Assert.Contains("verdict=deny", decision, StringComparison.Ordinal);
        Assert.Contains($"CONSENT_{read.Purpose.ToUpperInvariant()}_MISSING", decision, StringComparison.Ordinal);
        Assert.Contains("CONSENT_REVOKED", decision, StringComparison.Ordinal);
        if (read.DenialFails)
        {
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("CONSENT_REVOKED", run.Error, StringComparison.Ordinal);
        }
        else
        {
            // `policy eval` answers the question and says "no" with its own exit code; the others leave the contact out.
            Assert.True(run.ExitCode == (command == "policy eval" ? Rapport.Host.Cli.ExitCodes.Denied : 0), run.ToString());
            Assert.DoesNotContain(contact, Shown(command, run, cli), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(ReadCommands))]
    public async Task With_consent_one_audited_decision_allows(string command)
    {
        await using var cli = await ConsentCli.CreateAsync();
        var contact = await cli.NewContactAsync();
        var read = Reads[command];
        Assert.Equal(0, (await cli.RunAsync("consent", "grant", "--contact", contact, "--purpose", read.Purpose, "--source", "import")).ExitCode);

        var run = await cli.RunAsync(Args(read, contact, cli));

        Assert.True(run.ExitCode == 0, run.ToString());
        var decision = Assert.Single(await DecisionsAsync(cli, contact));
        Assert.Contains($"action={read.Action}", decision, StringComparison.Ordinal);
        Assert.Contains("verdict=allow", decision, StringComparison.Ordinal);
        Assert.StartsWith(PurposeOption.Actor + ": ", decision, StringComparison.Ordinal);
        if (!read.DenialFails && command != "policy eval")
        {
            Assert.Contains(command == "contacts export" ? "Test Contact" : contact, Shown(command, run, cli), StringComparison.Ordinal);
        }
    }

    /// <summary>What a command handed out: the exported file, or for `policy eval` only the verdict, else its output.</summary>
    private static string Shown(string command, CliRun run, ConsentCli cli) => command switch
    {
        "contacts export" => File.ReadAllText(Path.Combine(cli.Root, "out.csv")),
        "policy eval" => run.Out.Contains("denied", StringComparison.Ordinal) ? string.Empty : run.Out,
        _ => run.Out,
    };

    [Fact]
    public async Task Without_a_purpose_the_business_reads_its_own_records_until_the_customer_objects()
    {
        await using var cli = await ConsentCli.CreateAsync();
        var contact = await cli.NewContactAsync();

        var shown = await cli.RunAsync("contacts", "show", contact, "--json");
        Assert.Equal(0, (await cli.RunAsync("consent", "grant", "--contact", contact, "--purpose", "crm", "--basis", "legitimate_interest", "--source", "import")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("consent", "revoke", "--contact", contact, "--purpose", "crm")).ExitCode);
        var objected = await cli.RunAsync("contacts", "show", contact);
        var listed = await cli.RunAsync("contacts", "list", "--json");

        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Equal(2, objected.ExitCode);
        Assert.Contains("CONSENT_REVOKED", objected.Error, StringComparison.Ordinal);
        Assert.Equal(0, listed.Json.GetArrayLength());
        var decisions = await DecisionsAsync(cli, contact);
        Assert.Equal(3, decisions.Count);
        Assert.All(decisions, d => Assert.Contains("purpose=crm", d, StringComparison.Ordinal));
    }

    private static string[] Args(Read read, string contact, ConsentCli cli) =>
        [.. read.Args(contact).Select(a => a.Replace("{dir}", cli.Root, StringComparison.Ordinal))];

    /// <summary>The detail of each policy decision on the contact, prefixed with who asked (`cli: action=…`).</summary>
    private static async Task<List<string>> DecisionsAsync(ConsentCli cli, string contact)
    {
        await using var connection = new SqliteConnection($"Data Source={cli.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // Single decisions name the contact; a bulk read's one entry is indexed under each contact it decided.
        command.CommandText = "SELECT actor, action, subject, contact_id, detail FROM audit_log " +
            "WHERE contact_id = $contact OR sequence IN (SELECT sequence FROM audit_contacts WHERE contact_id = $contact) ORDER BY sequence";
        command.Parameters.AddWithValue("$contact", contact);
        var details = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var entry = new Domain.Audit.AuditEvent(DateTimeOffset.MinValue, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4));
            if (PolicyAuditEvents.DecisionOf(entry, contact) is { } decision)
            {
                details.Add($"{entry.Actor}: {decision}");
            }
        }

        return details;
    }

    /// <param name="Args">The command line for a contact id ({dir} is the node's directory).</param>
    /// <param name="Action">The policy action the command is decided as.</param>
    /// <param name="DenialFails">Whether a denial fails the command (exit 2) rather than leaving the contact out.</param>
    /// <param name="Purpose">The purpose the command's action needs consent for (the test grants and revokes it).</param>
    private sealed record Read(Func<string, string[]> Args, string Action, bool DenialFails, string Purpose = "marketing");
}
