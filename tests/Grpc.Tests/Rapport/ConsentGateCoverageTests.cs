using Google.Protobuf;
using Grpc.Core;
using Rapport.Adapters.Grpc.Hosting;
using Rapport.Adapters.Grpc.Tests.Support;
using Rapport.Application.Audit;
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
        ["rapport.v1.ContactsService/UpsertContact"] = "a write by the business, audited as contact.created/updated; its answer is a read_contact decision for crm (Upsert_answers_only_what_the_caller_may_read)",
        ["rapport.v1.ContactsService/DeleteContact"] = "a delete by the business; audited as contact.deleted",
        ["rapport.v1.DealsService/CreateDeal"] = "pipeline data of the business",
        ["rapport.v1.DealsService/MoveDeal"] = "pipeline data of the business",
        ["rapport.v1.DealsService/CloseDeal"] = "pipeline data of the business",
        ["rapport.v1.DealsService/Forecast"] = "aggregate amounts, no personal data",
        ["rapport.v1.InteractionsService/LogInteraction"] = "a write by the business; audited as interaction.logged",
    };

    /// <summary>
    /// Each read, once for a purpose that needs consent (marketing) and once with no purpose, which is decided for the
    /// business's own record keeping (crm): allowed without a record, denied once the customer objected.
    /// </summary>
    private static readonly Dictionary<string, Read> PurposeReads = new(StringComparer.Ordinal)
    {
        ["GetContact for marketing"] = new("rapport.v1.ContactsService/GetContact", c => new GetContactRequest { Name = c, Purpose = "marketing" }, PolicyActions.ReadContact, ForCrm: false),
        ["GetContact, no purpose"] = new("rapport.v1.ContactsService/GetContact", c => new GetContactRequest { Name = c }, PolicyActions.ReadContact, ForCrm: true),
        ["ListContacts for marketing"] = new("rapport.v1.ContactsService/ListContacts", _ => new ListContactsRequest { Purpose = "marketing" }, PolicyActions.ReadContact, ForCrm: false),
        ["ListContacts, no purpose"] = new("rapport.v1.ContactsService/ListContacts", _ => new ListContactsRequest(), PolicyActions.ReadContact, ForCrm: true),
        ["Timeline for marketing"] = new("rapport.v1.InteractionsService/Timeline", c => new TimelineRequest { Contact = c, Purpose = "marketing" }, PolicyActions.ReadInteractions, ForCrm: false),
        ["Timeline, no purpose"] = new("rapport.v1.InteractionsService/Timeline", c => new TimelineRequest { Contact = c }, PolicyActions.ReadInteractions, ForCrm: true),
        ["ListReceipts for marketing"] = new("rapport.v1.ConsentService/ListReceipts", c => new ListReceiptsRequest { Contact = c, Purpose = "marketing" }, PolicyActions.ReadConsent, ForCrm: false),
        ["ListReceipts, no purpose"] = new("rapport.v1.ConsentService/ListReceipts", c => new ListReceiptsRequest { Contact = c }, PolicyActions.ReadConsent, ForCrm: true),
        ["GetConsentStatus for marketing"] = new("rapport.v1.ConsentService/GetConsentStatus", c => new GetConsentStatusRequest { Contact = c, Purpose = "marketing" }, PolicyActions.ReadConsent, ForCrm: false),
        ["Evaluate"] = new("rapport.v1.PolicyService/Evaluate", c => new EvaluateRequest { Contact = c, Action = PolicyActions.ExportForMarketing }, PolicyActions.ExportForMarketing, ForCrm: false),
        ["EvaluateBatch"] = new("rapport.v1.PolicyService/EvaluateBatch", c => new EvaluateBatchRequest { Contacts = { c }, Action = PolicyActions.ExportForMarketing }, PolicyActions.ExportForMarketing, ForCrm: false),
        ["GetScore"] = new("rapport.v1.ScoringService/GetScore", c => new GetScoreRequest { Contact = c }, PolicyActions.ScoreLead, ForCrm: false, Purpose: "analytics"),
        ["ExplainScore"] = new("rapport.v1.ScoringService/ExplainScore", c => new GetScoreRequest { Contact = c }, PolicyActions.ScoreLead, ForCrm: false, Purpose: "analytics"),
    };

    public static TheoryData<string> PurposeReadCases => [.. PurposeReads.Keys];

    [Fact]
    public void Every_method_of_the_partner_api_is_classified()
    {
        var methods = PartnerApi.Descriptors
            .SelectMany(s => s.Methods.Select(m => $"{s.FullName}/{m.Name}"))
            .ToList();
        var reads = PurposeReads.Values.Select(r => r.Method).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(methods);
        Assert.All(methods, m => Assert.True(reads.Contains(m) ^ NotAConsentDecision.ContainsKey(m), $"{m} is not classified exactly once"));
        Assert.Empty(reads.Concat(NotAConsentDecision.Keys).Except(methods));
    }

    [Theory]
    [MemberData(nameof(PurposeReadCases))]
    public async Task Without_consent_one_audited_decision_denies_with_the_reason(string name)
    {
        var read = PurposeReads[name];
        // For marketing: a contact who never agreed. For crm: one who objected.
        var contact = read.ForCrm ? api.Objecting : api.NotConsenting;
        var missing = read.ForCrm ? "CONSENT_CRM_MISSING" : $"CONSENT_{read.Purpose.ToUpperInvariant()}_MISSING";
        var before = await DecisionsAsync(contact);

        var response = await CallAsync(read.Method, read.Request(contact));

        var added = (await DecisionsAsync(contact)).Skip(before.Count).ToList();
        if (read.Method.EndsWith("/ListContacts", StringComparison.Ordinal))
        {
            Assert.Equal(StatusCode.OK, response.Status);
            Assert.DoesNotContain(contact, ListContactsResponse.Parser.ParseFrom(response.Messages.Single()).Contacts.Select(c => c.Name));
            if (!read.ForCrm)
            {
                // No marketing record at all: not even a candidate, so the page neither shows nor decides the contact.
                Assert.Empty(added);
                return;
            }
        }

        var decision = Assert.Single(added);
        Assert.Contains($"action={read.Action}", decision.Event.Detail, StringComparison.Ordinal);
        Assert.Contains("verdict=deny", decision.Event.Detail, StringComparison.Ordinal);
        Assert.Contains(missing, decision.Event.Detail, StringComparison.Ordinal);
        Assert.Contains($"policy_version={PolicyMatrix.Default.Version}", decision.Event.Detail, StringComparison.Ordinal);
        if (read.Method.EndsWith("/GetContact", StringComparison.Ordinal) || read.Method.EndsWith("/Timeline", StringComparison.Ordinal)
            || read.Method.EndsWith("/ListReceipts", StringComparison.Ordinal) || read.Method.Contains("ScoringService/", StringComparison.Ordinal))
        {
            Assert.Equal(StatusCode.PermissionDenied, response.Status);
            Assert.Equal(read.ForCrm ? ReasonCode.Revoked.Code : missing, ErrorInfo(response).Reason);
        }
        else
        {
            Assert.Equal(StatusCode.OK, response.Status);
        }
    }

    [Theory]
    [MemberData(nameof(PurposeReadCases))]
    public async Task With_consent_one_audited_decision_allows(string name)
    {
        var read = PurposeReads[name];
        var before = await DecisionsAsync(api.Consenting);

        var response = await CallAsync(read.Method, read.Request(api.Consenting));

        Assert.Equal(StatusCode.OK, response.Status);
        var decision = Assert.Single((await DecisionsAsync(api.Consenting)).Skip(before.Count));
        Assert.Contains($"action={read.Action}", decision.Event.Detail, StringComparison.Ordinal);
        Assert.Contains("verdict=allow", decision.Event.Detail, StringComparison.Ordinal);
        if (read.ForCrm)
        {
            Assert.Contains("purpose=crm", decision.Event.Detail, StringComparison.Ordinal);
        }

        Assert.Equal("partner:full", decision.Event.Actor);
    }

    [Fact]
    public async Task Upsert_answers_only_what_the_caller_may_read()
    {
        // The customer objected to the business's record keeping: the write is the business's, the answer a denied read.
        var before = await DecisionsAsync(api.Objecting);
        var objecting = await CallAsync("rapport.v1.ContactsService/UpsertContact", new UpsertContactRequest
        {
            Contact = new Contact { Name = api.Objecting, Company = "Renamed Ltd" },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "company" } },
        });
        Assert.Equal(StatusCode.OK, objecting.Status);
        var minimal = Contact.Parser.ParseFrom(objecting.Messages.Single());
        Assert.Equal(api.Objecting, minimal.Name);
        Assert.NotNull(minimal.UpdateTime);
        Assert.True(minimal.Email.Length == 0 && minimal.DisplayName.Length == 0 && minimal.Company.Length == 0, minimal.ToString());
        var denied = Assert.Single((await DecisionsAsync(api.Objecting)).Skip(before.Count));
        Assert.Contains("action=read_contact purpose=crm", denied.Event.Detail, StringComparison.Ordinal);
        Assert.Contains("verdict=deny", denied.Event.Detail, StringComparison.Ordinal);

        var consenting = await CallAsync("rapport.v1.ContactsService/UpsertContact", new UpsertContactRequest
        {
            Contact = new Contact { Name = api.Consenting, Phone = "+44 20 7946 0000" },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "phone" } },
        });
        Assert.Equal(StatusCode.OK, consenting.Status);
        var full = Contact.Parser.ParseFrom(consenting.Messages.Single());
        Assert.Equal("+442079460000", full.Phone);
        Assert.NotEmpty(full.DisplayName);
    }

    [Fact]
    public async Task A_purpose_that_is_no_purpose_key_is_denied_and_audited()
    {
        var before = await DecisionsAsync(api.Consenting);

        var response = await CallAsync("rapport.v1.ContactsService/GetContact", new GetContactRequest { Name = api.Consenting, Purpose = "Not A Purpose!" });

        Assert.Equal(StatusCode.InvalidArgument, response.Status);
        Assert.Equal(ReasonCode.UnknownPurpose.Code, ErrorInfo(response).Reason);
        var decision = Assert.Single((await DecisionsAsync(api.Consenting)).Skip(before.Count));
        Assert.Contains("verdict=deny", decision.Event.Detail, StringComparison.Ordinal);
        Assert.Contains("purpose=Not?A?Purpose!", decision.Event.Detail, StringComparison.Ordinal);
    }

    private Task<RawGrpcResponse> CallAsync(string method, IMessage request) =>
        api.Client.UnaryAsync("/" + method, request, r => r.Headers.TryAddWithoutValidation("authorization", $"Bearer {api.FullKey}"));

    private async Task<List<Domain.Audit.AuditEntry>> DecisionsAsync(string contact)
    {
        await using var work = await api.Factory.BeginAsync();
        var id = contact["contacts/".Length..];
        var entries = await work.Audit.QueryAsync(new AuditQuery(null, id, 10_000));
        // A bulk read's entry names many contacts: this contact's decision is its line of it.
        return [.. entries
            .Select(e => (Entry: e, Decision: PolicyAuditEvents.DecisionOf(e.Event, id)))
            .Where(d => d.Decision is not null)
            .Select(d => d.Entry with { Event = d.Entry.Event with { Detail = d.Decision! } })];
    }

    private static Google.Rpc.ErrorInfo ErrorInfo(RawGrpcResponse response) =>
        response.StatusDetails!.Details.Single(d => d.Is(Google.Rpc.ErrorInfo.Descriptor)).Unpack<Google.Rpc.ErrorInfo>();

    /// <param name="Method">The full gRPC method name.</param>
    /// <param name="Request">The request for one contact's resource name.</param>
    /// <param name="Action">The policy action the read is decided as.</param>
    /// <param name="ForCrm">Whether the request names no purpose and is decided for the business's own records.</param>
    /// <param name="Purpose">The purpose the read is decided for when not for crm.</param>
    private sealed record Read(string Method, Func<string, IMessage> Request, string Action, bool ForCrm, string Purpose = "marketing");
}
