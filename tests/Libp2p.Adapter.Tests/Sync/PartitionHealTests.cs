using Rapport.Application.SharedRecords;
using Rapport.Application.SharedRecords.Edit;
using Rapport.Application.SharedRecords.Interactions;
using Rapport.Application.SharedRecords.Profile;
using Rapport.Application.Sharing.Revoke;
using Rapport.Domain.SharedRecords;
using Rapport.Protocol.Sharing.V1;
using DomainAccess = Rapport.Domain.Consent.AccessLevel;

namespace Rapport.Adapters.Libp2p.Tests.Sync;

/// <summary>
/// Offline-first (issue 4 §5, protocol/sharing.md §6): two whole nodes are partitioned (every libp2p connection
/// closed), both edit the shared record while apart, and on reconnect they converge to the identical state.
/// </summary>
public sealed class PartitionHealTests
{
    private static readonly Dictionary<string, DomainAccess> Grant = new()
    {
        ["email"] = DomainAccess.View,
        ["city"] = DomainAccess.View,
        ["phone"] = DomainAccess.Edit,
    };

    private static readonly Dictionary<string, string> Profile = new()
    {
        ["email"] = "ada@example.com",
        ["city"] = "Zurich",
        ["phone"] = "+41 111",
        ["name"] = "Ada",
    };

    [Fact]
    public async Task Concurrent_edits_to_the_same_and_different_fields_while_partitioned_converge_on_heal()
    {
        await using var business = await SyncNode.StartAsync();
        await using var customer = await SyncNode.StartAsync();
        await SyncNode.RelateAsync(business, customer, Grant, Profile);
        await business.SyncNowAsync(customer);
        await AssertConvergedAsync(business, customer);
        Assert.Equal("ada@example.com", (await business.RecordAsync(customer.PeerId))!.GetField("email"));

        await PartitionAsync(business, customer);

        Ok(await customer.UpdateProfile.ExecuteAsync(new UpdateProfileCommand("email", "ada@offline.example", "test")));
        Ok(await customer.UpdateProfile.ExecuteAsync(new UpdateProfileCommand("phone", "+41 customer", "test")));
        var customerPhone = (await customer.RecordAsync(business.PeerId))!.GetRegister("phone")!;
        Ok(await business.Edit.ExecuteAsync(new EditSharedFieldCommand(customer.PeerId, "phone", "+41 business", "test")));
        var businessPhone = (await business.RecordAsync(customer.PeerId))!.GetRegister("phone")!;
        var fromCustomer = Ok(await customer.LogInteraction.ExecuteAsync(new LogSharedInteractionCommand(business.PeerId, "note", "customer offline", null, "test")));
        var fromBusiness = Ok(await business.LogInteraction.ExecuteAsync(new LogSharedInteractionCommand(customer.PeerId, "call", "business offline", null, "test")));
        Ok(await customer.UpdateProfile.ExecuteAsync(new UpdateProfileCommand("name", "Ada Offline", "test")));

        // Still apart: nothing crossed.
        Assert.Empty(business.Host.Connections);
        Assert.Equal("ada@example.com", (await business.RecordAsync(customer.PeerId))!.GetField("email"));
        Assert.DoesNotContain((await customer.RecordAsync(business.PeerId))!.Interactions, i => i.Id == fromBusiness);

        await HealAsync(business, customer);
        var (businessRecord, customerRecord) = await AssertConvergedAsync(business, customer);

        var winner = customerPhone.Stamp > businessPhone.Stamp ? customerPhone : businessPhone;
        Assert.Equal(winner, customerRecord.GetRegister("phone"));
        Assert.Equal("ada@offline.example", businessRecord.GetField("email"));
        Assert.Equal("Zurich", businessRecord.GetField("city"));
        Assert.Null(businessRecord.GetField("name"));
        Assert.Contains(businessRecord.Interactions, i => i.Id == fromCustomer && i.Summary == "customer offline");
        Assert.Contains(customerRecord.Interactions, i => i.Id == fromBusiness && i.Summary == "business offline");
        await AssertProfileFollowsAsync(customer, customerRecord);
    }

    [Fact]
    public async Task Random_edits_over_several_partition_and_heal_cycles_converge_every_time()
    {
        await using var business = await SyncNode.StartAsync();
        await using var customer = await SyncNode.StartAsync();
        await SyncNode.RelateAsync(business, customer, Grant, Profile);
        await business.SyncNowAsync(customer);
        await AssertConvergedAsync(business, customer);

        var random = new Random(4242);
        string[] customerKeys = ["email", "city", "phone", "name"];
        for (var cycle = 0; cycle < 3; cycle++)
        {
            await PartitionAsync(business, customer);
            var interactions = new HashSet<string>(StringComparer.Ordinal);
            for (var operation = 0; operation < 20; operation++)
            {
                var value = $"v{cycle}.{operation}";
                switch (random.Next(6))
                {
                    case 0:
                    case 1:
                        var key = customerKeys[random.Next(customerKeys.Length)];
                        Ok(await customer.UpdateProfile.ExecuteAsync(new UpdateProfileCommand(key, random.Next(5) == 0 ? null : value, "test")));
                        break;
                    case 2:
                        Ok(await business.Edit.ExecuteAsync(new EditSharedFieldCommand(customer.PeerId, "phone", random.Next(5) == 0 ? null : value, "test")));
                        break;
                    case 3:
                        // View-only: refused locally before anything is written (§6.4).
                        var refused = await business.Edit.ExecuteAsync(new EditSharedFieldCommand(customer.PeerId, random.Next(2) == 0 ? "email" : "city", value, "test"));
                        Assert.True(refused.IsFailure);
                        Assert.Equal(SyncErrors.EditNotGranted, refused.Error.Code);
                        break;
                    case 4:
                        interactions.Add(Ok(await customer.LogInteraction.ExecuteAsync(new LogSharedInteractionCommand(business.PeerId, "note", value, null, "test"))));
                        break;
                    default:
                        interactions.Add(Ok(await business.LogInteraction.ExecuteAsync(new LogSharedInteractionCommand(customer.PeerId, "call", value, null, "test"))));
                        break;
                }
            }

            await HealAsync(business, customer);
            var (businessRecord, customerRecord) = await AssertConvergedAsync(business, customer);
            Assert.Subset(businessRecord.Interactions.Select(i => i.Id).ToHashSet(), interactions);
            Assert.Null(businessRecord.GetField("name"));
            await AssertProfileFollowsAsync(customer, customerRecord);
        }
    }

    [Fact]
    public async Task A_business_edit_made_while_partitioned_never_lands_after_the_customer_revoked_while_partitioned()
    {
        await using var business = await SyncNode.StartAsync();
        await using var customer = await SyncNode.StartAsync();
        await SyncNode.RelateAsync(business, customer, Grant, Profile);
        await business.SyncNowAsync(customer);
        await AssertConvergedAsync(business, customer);

        await PartitionAsync(business, customer);
        Ok(await business.Edit.ExecuteAsync(new EditSharedFieldCommand(customer.PeerId, "phone", "+41 too late", "test")));
        var interaction = Ok(await business.LogInteraction.ExecuteAsync(new LogSharedInteractionCommand(customer.PeerId, "call", "offline call", null, "test")));
        var revoked = await customer.Revoke.ExecuteAsync(new RevokeGrantCommand(business.PeerId, "test"));
        Assert.True(revoked.IsSuccess, revoked.IsFailure ? revoked.Error.ToString() : null);
        Assert.False(revoked.Value.Delivered);
        business.Frames.Clear();
        customer.Frames.Clear();

        await HealAsync(business, customer);
        await business.WaitForStatusAsync(customer.PeerId, s => !s.IsLive && s.LastError?.Code == "CONSENT_REVOKED", "the revocation to end the session");

        SyncNode.AssertOnlyTheRevocationCrossed(business, customer);
        Assert.DoesNotContain(business.Frames.Concat(customer.Frames), f => f.Message.BodyCase == SyncMessage.BodyOneofCase.Delta);

        var customerRecord = (await customer.RecordAsync(business.PeerId))!;
        Assert.Equal("+41 111", customerRecord.GetField("phone"));
        Assert.DoesNotContain(customerRecord.Interactions, i => i.Id == interaction);
        await using (var work = await customer.Store.BeginAsync())
        {
            Assert.Equal("+41 111", await work.Profile.FindAsync("phone"));
        }

        var businessRecord = (await business.RecordAsync(customer.PeerId))!;
        foreach (var key in Grant.Keys)
        {
            Assert.Null(businessRecord.GetField(key));
        }

        // The session stays refused: another attempt carries no record data either.
        _ = await business.Sync.SyncWithAsync(customer.PeerId);
        await business.WaitForStatusAsync(customer.PeerId, s => !s.IsLive, "the session to stay closed");
        Assert.DoesNotContain(business.Frames.Concat(customer.Frames), f => f.Message.BodyCase == SyncMessage.BodyOneofCase.Delta);
        Assert.Equal("+41 111", (await customer.RecordAsync(business.PeerId))!.GetField("phone"));
    }

    private static T Ok<T>(Domain.Common.Result<T> result)
    {
        Assert.True(result.IsSuccess, result.IsFailure ? result.Error.ToString() : null);
        return result.Value;
    }

    private static Task PartitionAsync(SyncNode business, SyncNode customer) => SyncNode.PartitionAsync(business, customer);

    private static Task HealAsync(SyncNode business, SyncNode customer) => SyncNode.HealAsync(business, customer);

    /// <summary>
    /// Waits (generously: the machine is shared) until both replicas agree on every field the business may view, on
    /// the interactions and on the version vector, then asserts it, so a timeout reports the difference.
    /// </summary>
    private static async Task<(SharedRecord Business, SharedRecord Customer)> AssertConvergedAsync(SyncNode business, SyncNode customer)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var businessRecord = await business.RecordAsync(customer.PeerId);
            var customerRecord = await customer.RecordAsync(business.PeerId);
            if ((businessRecord is not null && customerRecord is not null && Converged(businessRecord, customerRecord)) || DateTime.UtcNow > deadline)
            {
                Assert.NotNull(businessRecord);
                Assert.NotNull(customerRecord);
                foreach (var key in Grant.Keys)
                {
                    Assert.True(
                        Equals(customerRecord.GetRegister(key), businessRecord.GetRegister(key)),
                        $"{key}: customer {customerRecord.GetRegister(key)}, business {businessRecord.GetRegister(key)}; log: {string.Join(" | ", business.Log.Concat(customer.Log))}");
                }

                Assert.Equal(Ids(customerRecord), Ids(businessRecord));
                Assert.Equal(customerRecord.Interactions.Select(i => (i.Id, i.Summary, i.Stamp)), businessRecord.Interactions.Select(i => (i.Id, i.Summary, i.Stamp)));
                Assert.True(customerRecord.Versions.Equals(businessRecord.Versions), $"vectors differ: customer {Show(customerRecord.Versions)}, business {Show(businessRecord.Versions)}; log: {string.Join(" | ", business.Log.Concat(customer.Log))}");
                return (businessRecord, customerRecord);
            }

            await Task.Delay(50);
        }
    }

    private static bool Converged(SharedRecord business, SharedRecord customer) =>
        Grant.Keys.All(k => Equals(customer.GetRegister(k), business.GetRegister(k))) &&
        Ids(customer).SetEquals(Ids(business)) &&
        customer.Versions.Equals(business.Versions);

    private static HashSet<string> Ids(SharedRecord record) => record.Interactions.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);

    private static string Show(Domain.SharedRecords.VersionVector versions) => string.Join(", ", versions.Entries.Select(e => $"{e.Key[^6..]}={e.Value}"));

    private static async Task AssertProfileFollowsAsync(SyncNode customer, SharedRecord customerRecord)
    {
        await using var work = await customer.Store.BeginAsync();
        foreach (var key in Grant.Keys)
        {
            Assert.Equal(customerRecord.GetField(key), await work.Profile.FindAsync(key));
        }
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }
}
