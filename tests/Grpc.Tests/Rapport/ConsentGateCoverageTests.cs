using Google.Protobuf;
using Rapport.Adapters.Grpc.Protocol;
using Rapport.Adapters.Grpc.Rapport;
using Rapport.Adapters.Grpc.Tests.Support;
using Rapport.Application.Audit;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Policy;
using Rapport.Protocol.V1;

namespace Rapport.Adapters.Grpc.Tests.Rapport;

/// <summary>
/// Every rapport.v1 method is listed here as either reading personal data for a purpose — and then it must produce
/// exactly one audited policy decision per contact, deny without consent with the reason and allow with it — or as
/// not a consent decision, with the reason why. A method added to the API without a line here fails the first test.
/// </summary>
public sealed class ConsentGateCoverageTests(PartnerApiFixture api) : IClassFixture<PartnerApiFixture>
{
    private static readonly Dictionary<string, string> NotAConsentDecision = new(StringComparer.Ordinal)
    {
        ["rapport.v1.ConsentService/ListReceipts"] = "the consent receipts themselves, proof of what the customer agreed to",
        ["rapport.v1.ContactsService/UpsertContact"] = "a write by the business; its change is audited as contact.created/updated",
        ["rapport.v1.ContactsService/DeleteContact"] = "a delete by the business; audited as contact.deleted",
        ["rapport.v1.DealsService/CreateDeal"] = "pipeline data of the business",
        ["rapport.v1.DealsService/MoveDeal"] = "pipeline data of the business",
        ["rapport.v1.DealsService/CloseDeal"] = "pipeline data of the business",
        ["rapport.v1.DealsService/Forecast"] = "aggregate amounts, no personal data",
        ["rapport.v1.InteractionsService/LogInteraction"] = "a write by the business; audited as interaction.logged",
        ["rapport.v1.InteractionsService/Timeline"] = "the business's own interaction log (no purpose in the request)",
    };

    /// <summary>Method → (the request for a contact, the policy action it is decided as).</summary>
    private static readonly Dictionary<string, (Func<string, IMessage> Request, string Action)> PurposeReads = new(StringComparer.Ordinal)
    {
        ["rapport.v1.ContactsService/GetContact"] = (c => new GetContactRequest { Name = c, Purpose = "marketing" }, PolicyActions.ReadContact),
        ["rapport.v1.ContactsService/ListContacts"] = (_ => new ListContactsRequest { Purpose = "marketing" }, PolicyActions.ReadContact),
        ["rapport.v1.ConsentService/GetConsentStatus"] = (c => new GetConsentStatusRequest { Contact = c, Purpose = "marketing" }, PolicyActions.ReadConsent),
        ["rapport.v1.PolicyService/Evaluate"] = (c => new EvaluateRequest { Contact = c, Action = PolicyActions.ExportForMarketing }, PolicyActions.ExportForMarketing),
        ["rapport.v1.PolicyService/EvaluateBatch"] = (c => new EvaluateBatchRequest { Contacts = { c }, Action = PolicyActions.ExportForMarketing }, PolicyActions.ExportForMarketing),
    };

    public static TheoryData<string> PurposeReadMethods => [.. PurposeReads.Keys];

    [Fact]
    public void Every_method_of_the_partner_api_is_classified()
    {
        var methods = RapportApi.Services(new RapportUseCases(api.Factory, new FixedClock(), new FixedIds(), new ConsentGate(PolicyMatrix.Default)))
            .SelectMany(s => s.Methods.Select(m => $"{s.Name}/{m.Descriptor.Name}"))
            .ToList();

        Assert.NotEmpty(methods);
        Assert.All(methods, m => Assert.True(PurposeReads.ContainsKey(m) ^ NotAConsentDecision.ContainsKey(m), $"{m} is not classified exactly once"));
        Assert.Empty(PurposeReads.Keys.Concat(NotAConsentDecision.Keys).Except(methods));
    }

    [Theory]
    [MemberData(nameof(PurposeReadMethods))]
    public async Task Without_consent_one_audited_decision_denies_with_the_reason(string method)
    {
        var (request, action) = PurposeReads[method];
        var before = await DecisionsAsync(api.NotConsenting);

        var response = await CallAsync(method, request(api.NotConsenting));

        var added = (await DecisionsAsync(api.NotConsenting)).Skip(before.Count).ToList();
        if (method.EndsWith("/ListContacts", StringComparison.Ordinal))
        {
            // No marketing record at all: not even a candidate, so the page neither shows nor decides the contact.
            Assert.Equal(StatusCode.OK, response.Status);
            Assert.DoesNotContain(api.NotConsenting, ListContactsResponse.Parser.ParseFrom(response.Messages.Single()).Contacts.Select(c => c.Name));
            Assert.Empty(added);
            return;
        }

        var decision = Assert.Single(added);
        Assert.Contains($"action={action}", decision.Event.Detail, StringComparison.Ordinal);
        Assert.Contains("verdict=deny", decision.Event.Detail, StringComparison.Ordinal);
        Assert.Contains("CONSENT_MARKETING_MISSING", decision.Event.Detail, StringComparison.Ordinal);
        Assert.Contains($"policy_version={PolicyMatrix.Default.Version}", decision.Event.Detail, StringComparison.Ordinal);
        if (method.EndsWith("/GetContact", StringComparison.Ordinal))
        {
            Assert.Equal(StatusCode.PermissionDenied, response.Status);
            Assert.Equal("CONSENT_MARKETING_MISSING", ErrorInfo(response).Reason);
        }
        else
        {
            Assert.Equal(StatusCode.OK, response.Status);
        }
    }

    [Theory]
    [MemberData(nameof(PurposeReadMethods))]
    public async Task With_consent_one_audited_decision_allows(string method)
    {
        var (request, action) = PurposeReads[method];
        var before = await DecisionsAsync(api.Consenting);

        var response = await CallAsync(method, request(api.Consenting));

        Assert.Equal(StatusCode.OK, response.Status);
        var decision = Assert.Single((await DecisionsAsync(api.Consenting)).Skip(before.Count));
        Assert.Contains($"action={action}", decision.Event.Detail, StringComparison.Ordinal);
        Assert.Contains("verdict=allow", decision.Event.Detail, StringComparison.Ordinal);
        Assert.Equal("partner:full", decision.Event.Actor);
    }

    [Fact]
    public async Task A_purpose_that_is_no_purpose_key_is_denied_and_audited()
    {
        var before = await DecisionsAsync(api.Consenting);

        var response = await CallAsync("rapport.v1.ContactsService/GetContact", new GetContactRequest { Name = api.Consenting, Purpose = "Not A Purpose!" });

        Assert.Equal(StatusCode.InvalidArgument, response.Status);
        Assert.Equal(ReasonCodes.UnknownPurpose, ErrorInfo(response).Reason);
        var decision = Assert.Single((await DecisionsAsync(api.Consenting)).Skip(before.Count));
        Assert.Contains("verdict=deny", decision.Event.Detail, StringComparison.Ordinal);
        Assert.Contains("purpose=Not?A?Purpose!", decision.Event.Detail, StringComparison.Ordinal);
    }

    private Task<RawGrpcResponse> CallAsync(string method, IMessage request) =>
        api.Client.UnaryAsync("/" + method, request, r => r.Headers.TryAddWithoutValidation("authorization", $"Bearer {api.FullKey}"));

    private async Task<List<Domain.Audit.AuditEntry>> DecisionsAsync(string contact)
    {
        await using var work = await api.Factory.BeginAsync();
        var entries = await work.Audit.QueryAsync(new AuditQuery(null, contact["contacts/".Length..], 10_000));
        return [.. entries.Where(e => e.Event.Action == PolicyAuditEvents.Decided)];
    }

    private static Google.Rpc.ErrorInfo ErrorInfo(RawGrpcResponse response) =>
        response.StatusDetails!.Details.Single(d => d.Is(Google.Rpc.ErrorInfo.Descriptor)).Unpack<Google.Rpc.ErrorInfo>();

    private sealed class FixedClock : Application.Common.IClock
    {
        public DateTimeOffset UtcNow => DateTimeOffset.UnixEpoch;
    }

    private sealed class FixedIds : Application.Common.IIdGenerator
    {
        public Guid NewId() => Guid.Empty;
    }
}
