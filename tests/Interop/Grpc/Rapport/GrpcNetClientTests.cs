using Grpc.Core;
using Grpc.Net.Client;
using Rapport.Protocol.V1;

namespace Rapport.Interop.Tests.Grpc.Rapport;

/// <summary>
/// The real rapport host's partner API through the official .NET client (Grpc.Net.Client 2.85.0 and the generated
/// rapport.v1 stubs): what a partner writing C# sees, rich errors included.
/// </summary>
public sealed class GrpcNetClientTests(RapportHostFixture host) : IClassFixture<RapportHostFixture>, IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(host.Address, new GrpcChannelOptions { Credentials = ChannelCredentials.Insecure });

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task A_contact_is_read_for_a_purpose_its_consent_allows()
    {
        var contacts = new ContactsService.ContactsServiceClient(_channel);

        var contact = await contacts.GetContactAsync(new GetContactRequest { Name = host.MarketingContact, Purpose = "marketing" }, Key(host.FullKey));
        var listed = await contacts.ListContactsAsync(new ListContactsRequest { Purpose = "marketing" }, Key(host.FullKey));

        Assert.Equal("Ada Lovelace", contact.DisplayName);
        Assert.Equal([host.MarketingContact], listed.Contacts.Select(c => c.Name));
    }

    [Fact]
    public async Task A_denial_carries_the_reason_as_rich_status_details()
    {
        var contacts = new ContactsService.ContactsServiceClient(_channel);

        var denied = await Assert.ThrowsAsync<RpcException>(() =>
            contacts.GetContactAsync(new GetContactRequest { Name = host.NoConsentContact, Purpose = "marketing" }, Key(host.FullKey)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Equal("CONSENT_MARKETING_MISSING", ErrorInfo(denied).Reason);
    }

    [Fact]
    public async Task Scores_need_the_scope_and_the_contacts_analytics_consent()
    {
        var scoring = new ScoringService.ScoringServiceClient(_channel);

        var withoutScope = await Assert.ThrowsAsync<RpcException>(() =>
            scoring.GetScoreAsync(new GetScoreRequest { Contact = host.MarketingContact }, Key(host.ReadOnlyKey)).ResponseAsync);
        var withoutConsent = await Assert.ThrowsAsync<RpcException>(() =>
            scoring.ExplainScoreAsync(new GetScoreRequest { Contact = host.NoConsentContact }, Key(host.FullKey)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, withoutScope.StatusCode);
        Assert.Equal("SCOPE_MISSING", ErrorInfo(withoutScope).Reason);
        Assert.Equal(StatusCode.PermissionDenied, withoutConsent.StatusCode);
        Assert.Equal("CONSENT_ANALYTICS_MISSING", ErrorInfo(withoutConsent).Reason);
    }

    [Fact]
    public async Task A_timeline_streams_and_a_missing_key_or_a_passed_deadline_fail_with_their_codes()
    {
        var interactions = new InteractionsService.InteractionsServiceClient(_channel);
        var contacts = new ContactsService.ContactsServiceClient(_channel);

        using var timeline = interactions.Timeline(new TimelineRequest { Contact = host.MarketingContact }, Key(host.FullKey));
        var streamed = new List<string>();
        await foreach (var entry in timeline.ResponseStream.ReadAllAsync())
        {
            Assert.Equal(host.MarketingContact, entry.Contact);
            streamed.Add(entry.Summary);
        }

        var anonymous = await Assert.ThrowsAsync<RpcException>(() => contacts.GetContactAsync(new GetContactRequest { Name = host.MarketingContact }).ResponseAsync);
        var late = await Assert.ThrowsAsync<RpcException>(() => contacts.GetContactAsync(
            new GetContactRequest { Name = host.MarketingContact }, Key(host.FullKey), deadline: DateTime.UtcNow.AddSeconds(-1)).ResponseAsync);

        Assert.Equal(["call 3", "call 2", "call 1"], streamed);
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
        Assert.Equal(StatusCode.DeadlineExceeded, late.StatusCode);
    }

    private static Metadata Key(string key) => new() { { "authorization", $"Bearer {key}" } };

    // google.rpc.Status in the grpc-status-details-bin trailer, its ErrorInfo detail.
    private static Google.Rpc.ErrorInfo ErrorInfo(RpcException failure)
    {
        var details = failure.Trailers.GetValueBytes("grpc-status-details-bin") ?? throw new InvalidOperationException("no status details");
        return Google.Rpc.Status.Parser.ParseFrom(details).Details.Single(d => d.Is(Google.Rpc.ErrorInfo.Descriptor)).Unpack<Google.Rpc.ErrorInfo>();
    }
}
