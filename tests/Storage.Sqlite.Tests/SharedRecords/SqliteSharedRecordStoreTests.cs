using Rapport.Application.SharedRecords;
using Rapport.Domain.SharedRecords;

namespace Rapport.Adapters.Storage.Sqlite.Tests.SharedRecords;

public sealed class SqliteSharedRecordStoreTests
{
    private const string Business = "12D3KooWAvy8UURCmFjDnfX7vmjEpJURLG3ZPb49SFgPxxwLT48P";
    private const string Customer = "12D3KooWCFrUVhXSjzKvXc8ZdARbfWzdBpuStJ6NNXqUjGgeigK1";
    private static readonly SharedRecordPair Pair = new(Business, Customer);
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static HlcTimestamp B(long ms, int counter = 0) => new(ms, counter, Business);

    private static HlcTimestamp C(long ms, int counter = 0) => new(ms, counter, Customer);

    private static SharedInteraction Interaction(string id, HlcTimestamp stamp) =>
        SharedInteraction.Create(id, stamp, "call", $"summary of {id}", 1_700_000_000_000).Value;

    /// <summary>Fields, a cleared register, a watermark with a re-asserted value above it, tags with tombstones, interactions.</summary>
    private static SharedRecord RichRecord()
    {
        var record = SharedRecord.Create(Business);
        var customer = SharedRecord.Create(Customer);
        customer.SetField("email", "ann@example.com", C(100));
        customer.SetField("phone", "555", C(101));
        customer.SetField("city", "Ghent", C(102));
        customer.ClearField("nickname", C(103));
        customer.AddTag("vip", C(104));
        customer.AddTag("gold", C(105));
        record.Apply(customer.DeltaSince(VersionVector.Empty));
        record.RemoveTag("gold", B(200));
        record.AddTag("local", B(201));
        record.LogInteraction(Interaction("i-1", B(202)));
        record.Purge(["phone", "city"], B(300));
        customer.SetField("city", "Bruges", C(400));
        record.Apply(customer.DeltaSince(record.Versions));
        return record;
    }

    private static async Task SaveAsync(TempDatabase db, SharedRecord record, RecordChanges changes)
    {
        await using var work = await db.Factory.BeginAsync();
        await work.SharedRecords.SaveAsync(Pair, record, changes);
        await work.CommitAsync();
    }

    private static async Task<SharedRecord?> LoadAsync(TempDatabase db, string localNode = Business)
    {
        await using var work = await db.Factory.BeginAsync();
        return await work.SharedRecords.FindAsync(Pair, localNode);
    }

    [Fact]
    public async Task A_full_record_round_trips_with_tombstones_and_watermarks()
    {
        await using var db = await TempDatabase.CreateAsync();
        var record = RichRecord();

        await SaveAsync(db, record, RecordChanges.Everything);
        var loaded = await LoadAsync(db);

        Assert.NotNull(loaded);
        Assert.True(record.StateEquals(loaded), "state differs after a round trip");
        Assert.Equal(record.LatestStamp, loaded.LatestStamp);
        Assert.Equal(record.Versions, loaded.Versions);
        Assert.Equal("Bruges", loaded.GetField("city"));
        Assert.Null(loaded.GetField("phone"));
        Assert.True(loaded.GetRegister("nickname")!.IsCleared);
        Assert.Equal(B(300), loaded.PurgeWatermarks["phone"]);
        Assert.Equal(["local", "vip"], loaded.Tags.Order(StringComparer.Ordinal));
        Assert.Single(loaded.TagState.Tombstones);
        Assert.Equal("i-1", Assert.Single(loaded.Interactions).Id);
    }

    [Fact]
    public async Task The_business_finds_its_record_with_a_customer_with_each_sides_last_write()
    {
        await using var db = await TempDatabase.CreateAsync();
        await SaveAsync(db, RichRecord(), RecordChanges.Everything);

        await using var work = await db.Factory.BeginReadAsync();
        var found = await work.SharedRecords.FindByCustomerAsync(Customer);
        var none = await work.SharedRecords.FindByCustomerAsync("12D3KooWNoSuchPeer");

        Assert.NotNull(found);
        Assert.Equal(Pair, found.Pair);
        Assert.Equal(B(202), found.Versions.Get(Business));
        Assert.Equal(C(400), found.Versions.Get(Customer));
        Assert.Null(none);
    }

    [Fact]
    public async Task A_loaded_record_still_refuses_writes_below_its_watermark()
    {
        await using var db = await TempDatabase.CreateAsync();
        await SaveAsync(db, RichRecord(), RecordChanges.Everything);
        var loaded = (await LoadAsync(db))!;
        var old = SharedRecord.Create(Customer);
        old.SetField("phone", "old value", C(250));

        loaded.Apply(old.DeltaSince(VersionVector.Empty));

        Assert.Null(loaded.GetField("phone"));
    }

    [Fact]
    public async Task Saving_only_the_changed_entries_matches_a_full_save()
    {
        await using var db = await TempDatabase.CreateAsync();
        var record = RichRecord();
        await SaveAsync(db, record, RecordChanges.Everything);

        var loaded = (await LoadAsync(db))!;
        var changes = RecordChanges.None;
        foreach (var delta in new[]
        {
            loaded.SetField("email", "new@example.com", B(500)).Value,
            loaded.RemoveTag("vip", B(501)).Value,
            loaded.LogInteraction(Interaction("i-2", B(502))).Value,
        })
        {
            changes = changes.And(RecordChanges.Of(delta));
        }

        loaded.Purge(["email"], B(503));
        changes = changes.And(RecordChanges.OfFields(["email"]));
        await SaveAsync(db, loaded, changes);
        var reloaded = (await LoadAsync(db))!;

        Assert.True(loaded.StateEquals(reloaded), "incremental save lost or kept something");
        Assert.Null(reloaded.GetField("email"));
        Assert.Equal(["local"], reloaded.Tags);
        Assert.Equal(2, reloaded.Interactions.Count);
    }

    [Fact]
    public async Task An_unknown_pair_is_null_and_listing_shows_versions_latest_stamp_and_sync_times()
    {
        await using var db = await TempDatabase.CreateAsync();
        Assert.Null(await LoadAsync(db));
        var record = RichRecord();
        await SaveAsync(db, record, RecordChanges.Everything);
        await using (var work = await db.Factory.BeginAsync())
        {
            await work.SharedRecords.MarkSyncedAsync(Pair, SyncDirection.Applied, T0);
            await work.SharedRecords.MarkSyncedAsync(Pair, SyncDirection.Sent, T0.AddMinutes(1));
            await work.CommitAsync();
        }

        await using var read = await db.Factory.BeginAsync();
        var listed = Assert.Single(await read.SharedRecords.ListAsync());
        Assert.Equal(Pair, listed.Pair);
        Assert.Equal(record.Versions, listed.Versions);
        Assert.Equal(record.LatestStamp, listed.LatestStamp);
        Assert.Equal(T0, listed.LastAppliedAt);
        Assert.Equal(T0.AddMinutes(1), listed.LastSentAt);
        Assert.Equal(record.LatestStamp, await read.SharedRecords.LatestStampAsync());
    }

    [Fact]
    public async Task Ten_thousand_interactions_round_trip()
    {
        await using var db = await TempDatabase.CreateAsync();
        var customer = SharedRecord.Create(Customer);
        for (var i = 0; i < 10_000; i++)
        {
            customer.LogInteraction(Interaction($"i-{i:D5}", C(1_000 + i)));
        }

        var record = SharedRecord.Create(Business);
        var delta = customer.DeltaSince(VersionVector.Empty);
        record.Apply(delta);
        await SaveAsync(db, record, RecordChanges.Of(delta));

        var loaded = (await LoadAsync(db))!;
        Assert.Equal(10_000, loaded.Interactions.Count);
        Assert.True(record.StateEquals(loaded));
    }

    [Fact]
    public async Task Partial_loads_read_only_the_interactions_asked_for_and_save_without_losing_the_others()
    {
        await using var db = await TempDatabase.CreateAsync();
        var customer = SharedRecord.Create(Customer);
        for (var i = 0; i < 20; i++)
        {
            customer.LogInteraction(Interaction($"i-{i:D2}", C(1_000 + i)));
        }

        var record = SharedRecord.Create(Business);
        record.Apply(customer.DeltaSince(VersionVector.Empty));
        record.SetField("email", "a@example.com", B(5_000));
        await SaveAsync(db, record, RecordChanges.Everything);
        var seen = VersionVector.Of(C(1_009));

        await using (var work = await db.Factory.BeginAsync())
        {
            var none = (await work.SharedRecords.FindAsync(Pair, Business, InteractionsToLoad.None))!;
            var two = (await work.SharedRecords.FindAsync(Pair, Business, InteractionsToLoad.Ids(["i-03", "i-17", "missing"])))!;
            var uncovered = (await work.SharedRecords.FindAsync(Pair, Business, InteractionsToLoad.NotCoveredBy(seen)))!;

            Assert.Empty(none.Interactions);
            Assert.Equal(record.LatestStamp, none.LatestStamp);
            Assert.Equal(record.Versions, none.Versions);
            Assert.Equal("a@example.com", none.GetField("email"));
            Assert.Equal(["i-03", "i-17"], two.Interactions.Select(i => i.Id));
            Assert.Equal(record.DeltaSince(seen).Interactions.Elements.Select(i => i.Id), uncovered.DeltaSince(seen).Interactions.Elements.Select(i => i.Id));
            Assert.Equal(10, uncovered.Interactions.Count);

            var logged = none.LogInteraction(Interaction("i-new", B(6_000))).Value;
            await work.SharedRecords.SaveAsync(Pair, none, RecordChanges.Of(logged));
            await work.CommitAsync();
        }

        var reloaded = (await LoadAsync(db))!;
        Assert.Equal(21, reloaded.Interactions.Count);
        Assert.Equal(B(6_000), reloaded.LatestStamp);
    }

    [Fact]
    public async Task Profile_values_are_set_replaced_and_removed()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using (var work = await db.Factory.BeginAsync())
        {
            await work.Profile.SetAsync("email", "a@example.com", T0);
            await work.Profile.SetAsync("email", "b@example.com", T0);
            await work.Profile.SetAsync("phone", "555", T0);
            await work.Profile.SetAsync("phone", null, T0);
            await work.CommitAsync();
        }

        await using var read = await db.Factory.BeginAsync();
        Assert.Equal("b@example.com", await read.Profile.FindAsync("email"));
        Assert.Null(await read.Profile.FindAsync("phone"));
        Assert.Equal(["email"], (await read.Profile.AllAsync()).Keys);
    }
}
