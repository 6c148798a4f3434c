using System.Collections.Immutable;
using Rapport.Domain.Common;
using Rapport.Domain.SharedRecords;

namespace Rapport.Application.Tests.SharedRecords;

/// <summary>
/// Deltas as a peer could send them (decoded, but otherwise arbitrary: bad keys, oversized values, strangers' stamps,
/// clocks far ahead, inverted coverage): applying never throws, a refused delta stores nothing, an accepted one is
/// stored once and rejects only keys it carried.
/// </summary>
public sealed class RandomDeltaTests
{
    private const string Stranger = "12D3KooWMhv5rsXBjNVZrsNpDq671Fz42VGDjWZLTKtdaawm25V5";
    private static readonly string[] Keys = ["email", "phone", "salary", "Bad Key", "x", new string('k', 129)];
    private static readonly string[] Nodes = [SyncFixture.Business, SyncFixture.Customer, SyncFixture.Customer, SyncFixture.Business, SyncFixture.Customer, SyncFixture.Customer, SyncFixture.Business, Stranger];
    private static readonly string[] Tags = ["vip", "", " ", "tab\there", new string('t', 65), "gold"];

    [Theory]
    [InlineData(SyncFixture.Business)]
    [InlineData(SyncFixture.Customer)]
    public async Task Random_deltas_are_applied_or_refused_cleanly(string local)
    {
        var node = new SyncFixture(local);
        node.HoldsGrant(SyncFixture.Grant(1));
        node.Stored = SyncFixture.RecordOwnedBy(local);
        var remote = local == SyncFixture.Business ? SyncFixture.Customer : SyncFixture.Business;
        var random = new Random(local.Length);
        var sync = node.Sync;
        var outcomes = new HashSet<string>();
        for (var i = 0; i < 1_000; i++)
        {
            var delta = RandomDelta(random);
            var savedBefore = node.Saved.Count;

            var applied = await sync.ApplyAsync(remote, delta);

            outcomes.Add(applied.IsFailure ? applied.Error.Code.Value : applied.Value.RejectedFields.Count > 0 ? "rejected" : "ok");
            if (applied.IsFailure)
            {
                Assert.Contains(applied.Error.Code, (ErrorCode[])[SharedRecordErrors.InvalidDelta, SharedRecordErrors.HlcDrift]);
                Assert.Equal(savedBefore, node.Saved.Count);
            }
            else
            {
                Assert.Equal(savedBefore + 1, node.Saved.Count);
                Assert.All(applied.Value.RejectedFields, k => Assert.Contains(k, delta.Fields.Select(f => f.Key)));
            }
        }

        // The generator reaches every outcome.
        Assert.Superset(new HashSet<string> { SharedRecordErrors.InvalidDelta.Value, SharedRecordErrors.HlcDrift.Value, "ok" }, outcomes);
        Assert.Equal(local == SyncFixture.Customer, outcomes.Contains("rejected"));
    }

    private static HlcTimestamp Stamp(Random random) =>
        new(SyncFixture.Ms(SyncFixture.Now) + random.Next(-120_000, 90_000), random.Next(0, 3), Nodes[random.Next(Nodes.Length)]);

    private static SharedRecordDelta RandomDelta(Random random)
    {
        var fields = Enumerable.Range(0, random.Next(0, 4)).Select(_ =>
        {
            var key = Keys[random.Next(Keys.Length)];
            var register = random.Next(4) == 0
                ? LwwRegister<string>.Cleared(Stamp(random))
                : LwwRegister<string>.Set(random.Next(50) == 0 ? new string('v', SharedRecord.MaxFieldValueLength + 1) : $"value{random.Next()}", Stamp(random));
            return new FieldWrite(key, register);
        }).ToImmutableArray();
        var tags = ObservedRemoveSet<string>.FromParts(
            Enumerable.Range(0, random.Next(0, 3)).Select(_ => KeyValuePair.Create(Stamp(random), Tags[random.Next(Tags.Length)])),
            Enumerable.Range(0, random.Next(0, 2)).Select(_ => KeyValuePair.Create(Stamp(random), Stamp(random))));
        var interactions = GrowOnlySet<SharedInteraction>.Of(Enumerable.Range(0, random.Next(0, 3))
            .Select(_ => SharedInteraction.Create($"i{random.Next(5)}", Stamp(random), "call", "s", 0).Value));
        var to = VersionVector.From(Enumerable.Range(0, random.Next(0, 3)).Select(_ => Stamp(random)));
        var from = VersionVector.From(Enumerable.Range(0, random.Next(0, 2)).Select(_ => Stamp(random)));
        return new SharedRecordDelta(fields, tags, interactions, from, to);
    }
}
