using Rapport.Domain.Consent;
using Rapport.Domain.Policy;
using Rapport.Host.Composition;
using Rapport.Host.Tests.Consent;

namespace Rapport.Host.Tests.Policy;

/// <summary>
/// The node's own policy file: read as the gate's policy, every mistake named; while it does not parse, every decision
/// denies (fail-safe) and is audited, and a fix takes effect without a restart.
/// </summary>
[Collection("Cli")]
public sealed class PolicyFileTests
{
    private const string Valid = """
        {
          // The business's own policy: scoring needs analytics, reads name their purpose, crm is implied.
          "version": 7,
          "implied": ["crm"],
          "rules": [
            { "action": "read_contact", "requestedPurpose": true },
            { "action": "score_lead", "purposes": ["analytics"] },
            { "action": "read_shared_field", "fieldLevel": "view" }
          ]
        }
        """;

    [Fact]
    public void A_valid_file_is_the_policy()
    {
        var policy = PolicyFile.Parse(Valid, "policy.json").Value;

        Assert.Equal(7, policy.Version);
        Assert.Equal([Purpose.Analytics], policy.RuleFor(PolicyActions.ScoreLead)!.RequiredPurposes);
        Assert.True(policy.RuleFor(PolicyActions.ReadContact)!.RequiresRequestedPurpose);
        Assert.Equal(AccessLevel.View, policy.RuleFor(PolicyActions.ReadSharedField)!.RequiredFieldLevel);
        Assert.True(policy.IsImplied(Purpose.Crm));
        Assert.Null(policy.RuleFor(PolicyActions.ExportContacts));
    }

    [Theory]
    [InlineData("{ \"version\": 1, ", "not JSON (line 1")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("{ \"version\": 0, \"rules\": [{ \"action\": \"a\", \"requestedPurpose\": true }] }", "version must be")]
    [InlineData("{ \"version\": 1 }", "rules must be a non-empty array")]
    [InlineData("{ \"version\": 1, \"rules\": [], \"extra\": 1 }", "unknown property 'extra'")]
    [InlineData("{ \"version\": 1, \"rules\": [{ \"action\": \"Read!\", \"requestedPurpose\": true }] }", "rules[0].action must be")]
    [InlineData("{ \"version\": 1, \"rules\": [{ \"action\": \"a\" }] }", "rules[0] (a) requires nothing")]
    [InlineData("{ \"version\": 1, \"rules\": [{ \"action\": \"a\", \"purposes\": [\"Mark eting\"] }] }", "rules[0].purposes: \"Mark eting\" is not a purpose key")]
    [InlineData("{ \"version\": 1, \"rules\": [{ \"action\": \"a\", \"fieldLevel\": \"none\" }] }", "rules[0].fieldLevel must be")]
    [InlineData("{ \"version\": 1, \"rules\": [{ \"action\": \"a\", \"requestedPurpose\": \"yes\" }] }", "requestedPurpose must be true or false")]
    [InlineData("{ \"version\": 1, \"rules\": [{ \"action\": \"a\", \"requestedPurpose\": true }, { \"action\": \"a\", \"requestedPurpose\": true }] }", "'a' has more than one rule")]
    [InlineData("{ \"version\": 1, \"implied\": \"crm\", \"rules\": [{ \"action\": \"a\", \"requestedPurpose\": true }] }", "implied must be an array")]
    public void Every_mistake_is_named_with_where_it_is(string json, string expected)
    {
        var parsed = PolicyFile.Parse(json, "policy.json");

        Assert.Equal(PolicyErrors.PolicyInvalid, parsed.Error.Code);
        Assert.StartsWith("policy.json is not a valid policy: ", parsed.Error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, parsed.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_file_is_the_built_in_policy_and_a_broken_file_is_no_policy_until_it_is_fixed()
    {
        var dir = Directory.CreateTempSubdirectory("rapport-policy-").FullName;
        try
        {
            var path = Path.Combine(dir, "policy.json");
            var warnings = new List<string>();
            var file = new PolicyFile(path) { Warn = warnings.Add };
            Assert.Same(PolicyMatrix.Default, file.Current.Value);

            await File.WriteAllTextAsync(path, "{ not json");
            await UntilAsync(() => file.Current.IsFailure);
            Assert.Contains(warnings, w => w.Contains("POLICY_UNAVAILABLE", StringComparison.Ordinal) && w.Contains(path, StringComparison.Ordinal));

            await File.WriteAllTextAsync(path, Valid);
            await UntilAsync(() => file.Current.IsSuccess);
            Assert.Equal(7, file.Current.Value.Version);
            Assert.Contains(warnings, w => w.Contains("policy v7", StringComparison.Ordinal) && w.Contains("in force again", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_node_whose_policy_file_breaks_denies_every_read_audited_and_answers_again_once_it_is_fixed()
    {
        await using var cli = await ConsentCli.CreateAsync();
        var contact = await cli.NewContactAsync();
        var path = new DataDirectory(cli.Root).PolicyPath;
        await File.WriteAllTextAsync(path, "{ \"version\": 2, \"rules\": [ ");

        var refused = await cli.RunAsync("contacts", "show", contact, "--json");
        var listed = await cli.RunAsync("contacts", "list", "--json");
        await File.WriteAllTextAsync(path, Valid.Replace("\"version\": 7", "\"version\": 8", StringComparison.Ordinal));
        var shown = await cli.RunAsync("contacts", "show", contact, "--json");

        Assert.Equal(Rapport.Host.Cli.ExitCodes.Failure, refused.ExitCode);
        Assert.Contains("POLICY_UNAVAILABLE", refused.Error, StringComparison.Ordinal);
        Assert.Contains("not JSON", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(contact, refused.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(contact, listed.Out, StringComparison.Ordinal);
        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Contains(contact, shown.Out, StringComparison.Ordinal);
        var audit = await cli.RunAsync("audit", "list", "--contact", contact, "--json");
        Assert.Contains("reasons=POLICY_UNAVAILABLE policy_version=0", audit.Out, StringComparison.Ordinal);
        Assert.Contains("policy_version=8", audit.Out, StringComparison.Ordinal);
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the policy file was not read again within 10 s");
            await Task.Delay(50);
        }
    }
}
