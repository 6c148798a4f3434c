using Rapport.Domain.Consent;
using Rapport.Domain.Policy;
using Rapport.Domain.SharedRecords;
using Rapport.Domain.Sharing;
using static Rapport.Domain.Tests.Sharing.SharingFixtures;

namespace Rapport.Domain.Tests.Sharing;

/// <summary>The sync's field filters are the policy's decisions on the grant; the purge obligation is the grant's.</summary>
public class ConsentFiltersTests
{
    private static readonly DateTimeOffset During = T0.AddDays(1);

    private static Func<string, bool> Decided(string action, string fieldAction, SharingGrant grant, DateTimeOffset at, params string[] fields)
    {
        var signed = SignedConsentGrant.Create(grant, [1, 2, 3], [4, 5, 6]).Value;
        return PolicyMatrix.Default.DecideSharedRecord(action, fieldAction, GrantConsent.Snapshot(signed, at), fields, at).Allows;
    }

    private static Func<string, bool> CustomerSends(SharingGrant grant, DateTimeOffset at, params string[] fields) =>
        Decided(PolicyActions.SendSharedRecord, PolicyActions.ReadSharedField, grant, at, fields);

    private static Func<string, bool> CustomerAccepts(SharingGrant grant, DateTimeOffset at, params string[] fields) =>
        Decided(PolicyActions.ReceiveSharedRecord, PolicyActions.WriteSharedField, grant, at, fields);

    [Fact]
    public void Customer_sends_viewable_fields_and_accepts_edits_only_on_edit_fields()
    {
        var grant = Grant();
        var customer = SharedRecord.Create(Customer);
        var clock = new HybridLogicalClock(Customer);
        var wall = During.ToUnixTimeMilliseconds();
        customer.SetField("email", "c@example.org", clock.Now(wall));
        customer.SetField("phone", "123", clock.Now(wall));
        customer.SetField("birthday", "1990-01-01", clock.Now(wall));

        var sent = customer.DeltaSince(VersionVector.Empty).Restrict(CustomerSends(grant, During, "email", "phone", "birthday"));
        Assert.Equal(["email", "phone"], sent.Fields.Select(f => f.Key));

        var business = SharedRecord.Create(Business);
        var businessClock = new HybridLogicalClock(Business);
        business.Apply(sent);
        businessClock.Receive(business.LatestStamp!.Value, wall);
        var edits = new[]
        {
            business.SetField("phone", "456", businessClock.Now(wall)).Value,
            business.SetField("email", "forged@example.org", businessClock.Now(wall)).Value,
        };
        foreach (var edit in edits)
        {
            var rejected = edit.FieldKeysRejectedBy(CustomerAccepts(grant, During, "phone", "email"));
            customer.Apply(edit.Restrict(CustomerAccepts(grant, During, "phone", "email")));
            if (rejected.Count > 0)
            {
                clock.Receive(edit.MaxStamp!.Value, wall);
                var reassert = customer.SetField(rejected[0], customer.GetField(rejected[0])!, clock.Now(wall)).Value;
                business.Apply(reassert);
            }
        }

        Assert.Equal("456", customer.GetField("phone"));
        Assert.Equal("c@example.org", customer.GetField("email"));
        Assert.Equal("c@example.org", business.GetField("email"));
    }

    [Fact]
    public void Business_sends_only_edit_fields_and_nothing_once_consent_ended()
    {
        var grant = Grant();
        var sends = Decided(PolicyActions.SendSharedRecord, PolicyActions.WriteSharedField, grant, During, "phone", "email");
        Assert.True(sends("phone"));
        Assert.False(sends("email"));
        Assert.False(sends("birthday"));
        Assert.True(Decided(PolicyActions.ReceiveSharedRecord, PolicyActions.ReadSharedField, grant, During, "email")("email"));
        Assert.False(Decided(PolicyActions.ReceiveSharedRecord, PolicyActions.ReadSharedField, grant, T0.AddDays(40), "email")("email"));
        Assert.True(ConsentFilters.BusinessMayHold(grant, During)("email"));
        Assert.False(ConsentFilters.BusinessMayHold(grant, T0.AddDays(40))("email"));
    }

    [Fact]
    public void Fields_to_purge_are_those_no_longer_viewable()
    {
        var v1 = Grant();
        var narrowed = SharingGrant.Create(Business, Customer, RequestId, new Dictionary<string, AccessLevel> { ["phone"] = AccessLevel.View }, v1.Purposes, v1.EffectiveFrom, v1.ExpiresAt, During, null, 2).Value;
        var revoked = narrowed.Revoke(During).Value;

        Assert.Equal(["email"], ConsentFilters.FieldsToPurge(v1, narrowed, During));
        Assert.Equal(["phone"], ConsentFilters.FieldsToPurge(narrowed, revoked, During));
        Assert.Equal(["email", "phone"], ConsentFilters.FieldsToPurge(null, v1, T0.AddDays(31)));
        Assert.Empty(ConsentFilters.FieldsToPurge(null, v1, During));
    }
}
