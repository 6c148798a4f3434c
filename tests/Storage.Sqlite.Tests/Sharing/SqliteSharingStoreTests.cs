using Rapport.Application.Sharing;
using Rapport.Domain.Consent;
using Rapport.Domain.Sharing;

namespace Rapport.Adapters.Storage.Sqlite.Tests.Sharing;

public sealed class SqliteSharingStoreTests
{
    private const string Business = "12D3KooWAvy8UURCmFjDnfX7vmjEpJURLG3ZPb49SFgPxxwLT48P";
    private const string Customer = "12D3KooWCFrUVhXSjzKvXc8ZdARbfWzdBpuStJ6NNXqUjGgeigK1";
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static SharingRequest Request(Guid id) => SharingRequest.Create(
        new SharingRequestId(id), Business, Customer,
        new Dictionary<string, AccessLevel> { ["email"] = AccessLevel.View, ["phone"] = AccessLevel.Edit },
        ["marketing", "analytics"], TimeSpan.FromDays(30), "to keep you informed", T0).Value;

    private static SignedConsentGrant Signed(SharingRequest request, long version, bool revoked = false)
    {
        var grant = SharingGrant.ForRequest(
            request, new Dictionary<string, AccessLevel> { ["email"] = AccessLevel.View }, ["analytics"], T0, T0.AddMinutes(version), version).Value;
        if (revoked)
        {
            grant = SharingGrant.Create(Business, Customer, grant.RequestId, grant.Fields, grant.Purposes, grant.EffectiveFrom, grant.ExpiresAt, grant.IssuedAt, grant.IssuedAt, version).Value;
        }

        return SignedConsentGrant.Create(grant, Enumerable.Repeat((byte)version, 64).ToArray(), [8, 1, 18, 32, .. new byte[32]]).Value;
    }

    [Fact]
    public async Task Requests_round_trip_and_pending_lists_only_undecided_incoming_ones()
    {
        await using var db = await TempDatabase.CreateAsync();
        var incoming = Request(Guid.NewGuid());
        var decided = Request(Guid.NewGuid());
        var outgoing = Request(Guid.NewGuid());
        await using (var work = await db.Factory.BeginAsync())
        {
            await work.Sharing.AddRequestAsync(incoming, RequestDirection.Incoming, T0);
            await work.Sharing.AddRequestAsync(decided, RequestDirection.Incoming, T0);
            await work.Sharing.AddRequestAsync(outgoing, RequestDirection.Outgoing, T0);
            await work.Sharing.DeclineRequestAsync(SharingDecline.Create(decided.Id, T0.AddHours(1), "not now").Value, T0.AddHours(1));
            await work.CommitAsync();
        }

        await using var read = await db.Factory.BeginAsync();
        var pending = await read.Sharing.PendingIncomingAsync();
        Assert.Equal(incoming, Assert.Single(pending));
        var found = await read.Sharing.FindRequestAsync(decided.Id);
        Assert.Equal(new StoredSharingRequest(decided, RequestDirection.Incoming, SharingRequestStatus.Declined, "not now"), found);
        Assert.Null((await read.Sharing.FindRequestAsync(incoming.Id))!.DeclineReason);
        Assert.Equal(RequestDirection.Outgoing, (await read.Sharing.FindRequestAsync(outgoing.Id))!.Direction);
        Assert.Null(await read.Sharing.FindRequestAsync(new SharingRequestId(Guid.NewGuid())));
    }

    [Theory]
    [InlineData(RequestDirection.Outgoing, null, true)]
    [InlineData(RequestDirection.Outgoing, SharingRequestStatus.Granted, false)]
    [InlineData(RequestDirection.Outgoing, SharingRequestStatus.Declined, false)]
    [InlineData(RequestDirection.Incoming, null, false)]
    public async Task A_business_awaits_an_answer_only_from_a_customer_it_sent_a_request_still_pending(RequestDirection direction, SharingRequestStatus? decided, bool awaits)
    {
        await using var db = await TempDatabase.CreateAsync();
        var request = Request(Guid.NewGuid());
        await using (var work = await db.Factory.BeginAsync())
        {
            await work.Sharing.AddRequestAsync(request, direction, T0);
            if (decided is { } status)
            {
                await work.Sharing.SetRequestStatusAsync(request.Id, status, T0.AddHours(1));
            }

            await work.CommitAsync();
        }

        await using var read = await db.Factory.BeginReadAsync();
        Assert.Equal(awaits, await read.Sharing.AwaitsAnswerFromAsync(Customer));
        Assert.False(await read.Sharing.AwaitsAnswerFromAsync(Business));
    }

    [Fact]
    public async Task Grants_are_kept_byte_for_byte_and_only_newer_versions_are_stored()
    {
        await using var db = await TempDatabase.CreateAsync();
        var request = Request(Guid.NewGuid());
        var (v1, v2) = (Signed(request, 1), Signed(request, 2, revoked: true));
        await using (var work = await db.Factory.BeginAsync())
        {
            Assert.True((await work.Sharing.AddGrantAsync(v1, T0)).IsSuccess);
            Assert.True((await work.Sharing.AddGrantAsync(v2, T0)).IsSuccess);
            var replay = await work.Sharing.AddGrantAsync(v1, T0);
            Assert.Equal(SharingErrors.Replay, replay.Error.Code);
            await work.CommitAsync();
        }

        await using var read = await db.Factory.BeginAsync();
        var latest = await read.Sharing.LatestGrantAsync(Business, Customer);
        Assert.Equal(v2, latest);
        Assert.NotNull(latest!.Grant.RevokedAt);
        Assert.Equal([v1, v2], await read.Sharing.GrantHistoryAsync(Business, Customer));
        Assert.Null(await read.Sharing.LatestGrantAsync(Customer, Business));
    }

    [Fact]
    public async Task Receipts_round_trip()
    {
        await using var db = await TempDatabase.CreateAsync();
        var receipt = new GrantReceipt(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(), 3, DateTimeOffset.FromUnixTimeMilliseconds(1_763_700_000_123), [1, 2, 3], [4, 5]);
        await using (var work = await db.Factory.BeginAsync())
        {
            await work.Sharing.AddReceiptAsync(Business, Customer, receipt);
            await work.CommitAsync();
        }

        await using var read = await db.Factory.BeginAsync();
        Assert.Equal(receipt, await read.Sharing.FindReceiptAsync(Business, Customer, 3));
        Assert.Null(await read.Sharing.FindReceiptAsync(Business, Customer, 4));
    }

    [Fact]
    public async Task Sharing_tables_survive_reopening_the_file()
    {
        var request = Request(Guid.NewGuid());
        await using var db = await TempDatabase.CreateAsync();
        await using (var work = await db.Factory.BeginAsync())
        {
            await work.Sharing.AddRequestAsync(request, RequestDirection.Incoming, T0);
            await work.Sharing.AddGrantAsync(Signed(request, 1), T0);
            await work.CommitAsync();
        }

        var reopened = new SqliteUnitOfWorkFactory(await SqliteDatabase.OpenAsync(db.Path, create: false));
        await using var read = await reopened.BeginAsync();
        Assert.Equal(request, (await read.Sharing.FindRequestAsync(request.Id))!.Request);
        Assert.Equal(1, (await read.Sharing.LatestGrantAsync(Business, Customer))!.Grant.Version);
    }
}
