using Rapport.Application.SharedRecords;
using Rapport.Domain.SharedRecords;

namespace Rapport.Adapters.Storage.Sqlite.Tests.SharedRecords;

/// <summary>
/// Random histories on two replicas (writes, tag adds/removes, interactions, purges, delta exchange); after every step
/// the business replica is saved incrementally (only the entries the step touched) from a partially loaded copy, and
/// reloading it must give exactly the in-memory state.
/// </summary>
public sealed class IncrementalSaveRandomTests
{
    private const string Business = "12D3KooWAvy8UURCmFjDnfX7vmjEpJURLG3ZPb49SFgPxxwLT48P";
    private const string Customer = "12D3KooWCFrUVhXSjzKvXc8ZdARbfWzdBpuStJ6NNXqUjGgeigK1";
    private static readonly SharedRecordPair Pair = new(Business, Customer);
    private static readonly string[] Keys = ["email", "phone", "city", "note"];
    private static readonly string[] TagNames = ["vip", "gold", "late"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Incremental_saves_of_partially_loaded_records_reload_to_the_same_state(int seed)
    {
        await using var db = await TempDatabase.CreateAsync();
        var random = new Random(seed);
        var business = SharedRecord.Create(Business);
        var customer = SharedRecord.Create(Customer);
        var time = 1_000L;
        var issued = new Dictionary<string, HlcTimestamp>();
        HlcTimestamp Next(SharedRecord record)
        {
            time += random.Next(0, 3);

            // Like the node clock: above everything seen and everything issued (watermarks included).
            var latest = record.LatestStamp is { } seen && issued.TryGetValue(record.LocalNodeId, out var own) ? HlcTimestamp.Max(seen, own) : record.LatestStamp;
            var physical = latest is { } l && l.PhysicalMs >= time ? l.PhysicalMs : time;
            var counter = latest is { } m && m.PhysicalMs == physical ? m.Counter + 1 : 0;
            return issued[record.LocalNodeId] = new HlcTimestamp(physical, counter, record.LocalNodeId);
        }

        for (var step = 0; step < 150; step++)
        {
            var actor = random.Next(2) == 0 ? business : customer;
            SharedRecordDelta? local = random.Next(7) switch
            {
                0 => actor.SetField(Keys[random.Next(Keys.Length)], $"v{step}", Next(actor)).Value,
                1 => actor.ClearField(Keys[random.Next(Keys.Length)], Next(actor)).Value,
                2 => actor.AddTag(TagNames[random.Next(TagNames.Length)], Next(actor)).Value,
                3 => actor.RemoveTag(TagNames[random.Next(TagNames.Length)], Next(actor)) is { IsSuccess: true } removed ? removed.Value : null,
                4 => actor.LogInteraction(SharedInteraction.Create($"i{step}", Next(actor), "call", "s", 0).Value).Value,
                _ => null,
            };

            RecordChanges changes;
            if (actor == business && local is not null)
            {
                changes = RecordChanges.Of(local);
            }
            else if (random.Next(4) == 0)
            {
                var keys = Keys.Where(_ => random.Next(2) == 0).ToList();
                business.Purge(keys, Next(business));
                changes = RecordChanges.OfFields(keys);
            }
            else
            {
                var delta = customer.DeltaSince(business.Versions);
                business.Apply(delta);
                changes = RecordChanges.Of(delta);
                customer.Apply(business.DeltaSince(customer.Versions));
            }

            // Save from a copy loaded with only the touched interactions, as the use cases do.
            await using (var work = await db.Factory.BeginAsync())
            {
                var partial = await work.SharedRecords.FindAsync(Pair, Business, InteractionsToLoad.Ids(changes.InteractionIds)) ?? SharedRecord.Create(Business);
                partial.Merge(business);
                await work.SharedRecords.SaveAsync(Pair, partial, changes);
                await work.CommitAsync();
            }

            await using var read = await db.Factory.BeginAsync();
            var reloaded = await read.SharedRecords.FindAsync(Pair, Business);
            Assert.NotNull(reloaded);
            Assert.True(business.StateEquals(reloaded), $"seed {seed} step {step}: reloaded state differs");
            Assert.Equal(business.LatestStamp, reloaded.LatestStamp);
        }
    }
}
