using Google.Protobuf;
using Grpc.Core;
using Rapport.Adapters.Grpc.Tests.Support;
using Rapport.Application.Audit;
using Rapport.Protocol.V1;

namespace Rapport.Adapters.Grpc.Tests.Rapport;

/// <summary>Authentication, scopes, rate limits, audit and the consent purpose filter of the partner API, in process.</summary>
public sealed class PartnerApiTests(PartnerApiFixture api) : IClassFixture<PartnerApiFixture>
{
    private const string List = "/rapport.v1.ContactsService/ListContacts";
    private const string Get = "/rapport.v1.ContactsService/GetContact";

    private Task<RawGrpcResponse> CallAsync(string path, IMessage request, string? key) =>
        api.Client.UnaryAsync(path, request, r =>
        {
            if (key is not null)
            {
                r.Headers.TryAddWithoutValidation("authorization", $"Bearer {key}");
            }
        });

    private static Google.Rpc.ErrorInfo ErrorInfo(RawGrpcResponse response) =>
        response.StatusDetails!.Details.Single(d => d.Is(Google.Rpc.ErrorInfo.Descriptor)).Unpack<Google.Rpc.ErrorInfo>();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("rpk_000000000000_secret")]
    [InlineData("not a key at all")]
    public async Task Calls_without_a_valid_key_are_unauthenticated(string? key)
    {
        var response = await CallAsync(List, new ListContactsRequest(), key);

        Assert.Equal(StatusCode.Unauthenticated, response.Status);
        Assert.Equal("PARTNER_KEY_INVALID", ErrorInfo(response).Reason);
    }

    [Fact]
    public async Task A_method_outside_the_partners_scopes_is_permission_denied()
    {
        var response = await CallAsync("/rapport.v1.ContactsService/DeleteContact", new DeleteContactRequest { Name = api.Consenting }, api.ReaderKey);

        Assert.Equal(StatusCode.PermissionDenied, response.Status);
        var info = ErrorInfo(response);
        Assert.Equal("SCOPE_MISSING", info.Reason);
        Assert.Equal("contacts:write", info.Metadata["scope"]);
    }

    [Fact]
    public async Task Listing_for_marketing_returns_only_contacts_whose_consent_allows_marketing()
    {
        var all = await CallAsync(List, new ListContactsRequest(), api.ReaderKey);
        var marketing = await CallAsync(List, new ListContactsRequest { Purpose = "marketing" }, api.ReaderKey);
        var email = await CallAsync(List, new ListContactsRequest { Purpose = "marketing.email" }, api.ReaderKey);
        var training = await CallAsync(List, new ListContactsRequest { Purpose = "ai_training" }, api.ReaderKey);

        Assert.Equal(2, ListContactsResponse.Parser.ParseFrom(all.Messages.Single()).Contacts.Count);
        Assert.Equal([api.Consenting], ListContactsResponse.Parser.ParseFrom(marketing.Messages.Single()).Contacts.Select(c => c.Name));
        Assert.Equal([api.Consenting], ListContactsResponse.Parser.ParseFrom(email.Messages.Single()).Contacts.Select(c => c.Name));
        Assert.Empty(ListContactsResponse.Parser.ParseFrom(training.Messages.Single()).Contacts);
    }

    [Fact]
    public async Task Listing_sorts_by_order_by_and_refuses_an_order_it_cannot_sort_by()
    {
        var ascending = await CallAsync(List, new ListContactsRequest(), api.ReaderKey);
        var descending = await CallAsync(List, new ListContactsRequest { OrderBy = "name desc" }, api.ReaderKey);
        var unknown = await CallAsync(List, new ListContactsRequest { OrderBy = "phone" }, api.ReaderKey);

        var names = ListContactsResponse.Parser.ParseFrom(ascending.Messages.Single()).Contacts.Select(c => c.DisplayName).ToList();
        Assert.Equal(["No Marketing", "Yes Marketing"], names);
        Assert.Equal(names.AsEnumerable().Reverse(), ListContactsResponse.Parser.ParseFrom(descending.Messages.Single()).Contacts.Select(c => c.DisplayName));
        Assert.Equal(StatusCode.InvalidArgument, unknown.Status);
        Assert.Equal("CONTACT_ORDER_INVALID", ErrorInfo(unknown).Reason);
    }

    [Fact]
    public async Task Getting_a_contact_for_a_purpose_it_did_not_consent_to_is_denied_with_the_reason()
    {
        var allowed = await CallAsync(Get, new GetContactRequest { Name = api.Consenting, Purpose = "marketing" }, api.ReaderKey);
        var denied = await CallAsync(Get, new GetContactRequest { Name = api.NotConsenting, Purpose = "marketing" }, api.ReaderKey);

        Assert.Equal(StatusCode.OK, allowed.Status);
        Assert.Equal(StatusCode.PermissionDenied, denied.Status);
        var info = ErrorInfo(denied);
        Assert.Equal("CONSENT_MARKETING_MISSING", info.Reason);
        Assert.Equal(api.NotConsenting, info.Metadata["contact"]);
    }

    [Fact]
    public async Task Without_a_readable_policy_every_read_is_unavailable_audited_and_the_node_recovers_with_it()
    {
        api.Policy.Unreadable = "policy.json is not a valid policy: not JSON (line 1, byte 1)";
        RawGrpcResponse failed;
        try
        {
            failed = await CallAsync(Get, new GetContactRequest { Name = api.Consenting, Purpose = "marketing" }, api.ReaderKey);
        }
        finally
        {
            api.Policy.Unreadable = null;
        }

        var recovered = await CallAsync(Get, new GetContactRequest { Name = api.Consenting, Purpose = "marketing" }, api.ReaderKey);

        Assert.Equal(StatusCode.Unavailable, failed.Status);
        Assert.Equal("POLICY_UNAVAILABLE", ErrorInfo(failed).Reason);
        Assert.Empty(failed.Messages);
        Assert.Equal(StatusCode.OK, recovered.Status);
        await using var work = await api.Factory.BeginReadAsync();
        var decisions = (await work.Audit.QueryAsync(new Application.Audit.AuditQuery(null, null, 10_000))).Select(e => e.Event)
            .Where(e => e.Action == "policy.decided" && e.ContactId == api.Consenting["contacts/".Length..]).ToList();
        Assert.Contains(decisions, d => d.Detail.Contains("verdict=deny", StringComparison.Ordinal) && d.Detail.Contains("reasons=POLICY_UNAVAILABLE policy_version=0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_resource_names_and_purposes_are_invalid_argument()
    {
        Assert.Equal(StatusCode.InvalidArgument, (await CallAsync(Get, new GetContactRequest { Name = "people/1" }, api.ReaderKey)).Status);
        Assert.Equal(StatusCode.InvalidArgument, (await CallAsync(List, new ListContactsRequest { Purpose = "Not A Purpose!" }, api.ReaderKey)).Status);
        Assert.Equal(StatusCode.InvalidArgument, (await CallAsync(List, new ListContactsRequest { PageToken = "%%%" }, api.ReaderKey)).Status);
        Assert.Equal(StatusCode.NotFound, (await CallAsync(Get, new GetContactRequest { Name = $"contacts/{Guid.NewGuid():N}" }, api.ReaderKey)).Status);
    }

    [Fact]
    public async Task Past_the_rate_limit_calls_are_resource_exhausted_with_retry_info()
    {
        var first = await CallAsync(List, new ListContactsRequest(), api.ThrottledKey);
        var second = await CallAsync(List, new ListContactsRequest(), api.ThrottledKey);

        Assert.Equal(StatusCode.OK, first.Status);
        Assert.Equal(StatusCode.ResourceExhausted, second.Status);
        var retry = second.StatusDetails!.Details.Single(d => d.Is(Google.Rpc.RetryInfo.Descriptor)).Unpack<Google.Rpc.RetryInfo>();
        Assert.InRange(retry.RetryDelay.ToTimeSpan(), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Every_call_is_audited_with_partner_method_and_decision()
    {
        await CallAsync("/rapport.v1.ContactsService/UpsertContact", new UpsertContactRequest { Contact = new Contact { DisplayName = "X" } }, api.ReaderKey);

        await using var work = await api.Factory.BeginAsync();
        var entries = await work.Audit.QueryAsync(new AuditQuery(null, null, 10_000));
        Assert.Contains(entries, e => e.Event.Actor == "partner:reader" && e.Event.Action == "partner.call" &&
            e.Event.Subject == "/rapport.v1.ContactsService/UpsertContact" && e.Event.Detail.Contains("decision=permission_denied", StringComparison.Ordinal) &&
            e.Event.Detail.Contains("reason=SCOPE_MISSING", StringComparison.Ordinal));
    }
}
