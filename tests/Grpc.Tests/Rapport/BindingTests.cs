using Google.Protobuf;
using Grpc.Core;
using Rapport.Protocol.V1;

namespace Rapport.Adapters.Grpc.Tests.Rapport;

/// <summary>Every rapport.v1 method reaches its use case and maps the result back (full-scope partner).</summary>
public sealed class BindingTests(PartnerApiFixture api) : IClassFixture<PartnerApiFixture>
{
    private async Task<T> CallAsync<T>(string path, IMessage request, MessageParser<T> parser)
        where T : IMessage<T>
    {
        var response = await api.Client.UnaryAsync(path, request, r => r.Headers.TryAddWithoutValidation("authorization", $"Bearer {api.FullKey}"));
        Assert.True(response.Status == StatusCode.OK, $"{path}: {response.Status} {response.StatusMessage}");
        return parser.ParseFrom(response.Messages.Single());
    }

    [Fact]
    public async Task Contacts_interactions_deals_consent_and_policy_round_trip()
    {
        var created = await CallAsync("/rapport.v1.ContactsService/UpsertContact",
            new UpsertContactRequest { Contact = new Contact { DisplayName = "Binding Test", Email = "binding@example.org", Tags = { "a", "b" } } }, Contact.Parser);
        var updated = await CallAsync("/rapport.v1.ContactsService/UpsertContact",
            new UpsertContactRequest { Contact = new Contact { Name = created.Name, Tags = { "c" } }, UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "tags" } } }, Contact.Parser);
        Assert.Equal(["c"], updated.Tags);

        var logged = await CallAsync("/rapport.v1.InteractionsService/LogInteraction",
            new LogInteractionRequest { Contact = created.Name, Type = "call", Summary = "hello", Duration = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMinutes(5)) }, Interaction.Parser);
        Assert.Equal(TimeSpan.FromMinutes(5), logged.Duration.ToTimeSpan());

        var deal = await CallAsync("/rapport.v1.DealsService/CreateDeal",
            new CreateDealRequest { Contact = created.Name, Pipeline = "sales", Title = "T", Value = "100", Currency = "EUR", ExpectedClose = "2030-01-31" }, Deal.Parser);
        var won = await CallAsync("/rapport.v1.DealsService/CloseDeal", new CloseDealRequest { Name = deal.Name, Outcome = CloseDealRequest.Types.Outcome.Won }, Deal.Parser);
        Assert.Equal("won", won.Status);
        await CallAsync("/rapport.v1.DealsService/Forecast", new ForecastRequest(), ForecastResponse.Parser);

        var status = await CallAsync("/rapport.v1.ConsentService/GetConsentStatus", new GetConsentStatusRequest { Contact = created.Name, Purpose = "marketing" }, ConsentStatus.Parser);
        Assert.Equal("missing", status.Status);
        Assert.Empty((await CallAsync("/rapport.v1.ConsentService/ListReceipts", new ListReceiptsRequest { Contact = created.Name }, ListReceiptsResponse.Parser)).Receipts);

        var decision = await CallAsync("/rapport.v1.PolicyService/Evaluate", new EvaluateRequest { Action = "export_for_marketing", Contact = created.Name, Monitor = true }, PolicyDecision.Parser);
        Assert.True(decision.Allowed);
        Assert.False(decision.Permitted);
        var batch = await CallAsync("/rapport.v1.PolicyService/EvaluateBatch",
            new EvaluateBatchRequest { Action = "export_for_marketing", Contacts = { created.Name, api.Consenting } }, EvaluateBatchResponse.Parser);
        Assert.Equal([false, true], batch.Decisions.Select(d => d.Allowed));

        await CallAsync("/rapport.v1.ContactsService/DeleteContact", new DeleteContactRequest { Name = created.Name }, Google.Protobuf.WellKnownTypes.Empty.Parser);
    }

    [Fact]
    public async Task Closing_without_an_outcome_is_invalid_argument()
    {
        var response = await api.Client.UnaryAsync("/rapport.v1.DealsService/CloseDeal", new CloseDealRequest { Name = $"deals/{Guid.NewGuid():N}" },
            r => r.Headers.TryAddWithoutValidation("authorization", $"Bearer {api.FullKey}"));

        Assert.Equal(StatusCode.InvalidArgument, response.Status);
    }

    [Fact]
    public async Task Errors_answer_the_status_of_their_kind_with_their_code_as_reason()
    {
        var deal = await CallAsync("/rapport.v1.DealsService/CreateDeal",
            new CreateDealRequest { Contact = api.Consenting, Pipeline = "sales", Title = "Twice", Value = "1", Currency = "EUR" }, Deal.Parser);
        await CallAsync("/rapport.v1.DealsService/CloseDeal", new CloseDealRequest { Name = deal.Name, Outcome = CloseDealRequest.Types.Outcome.Won }, Deal.Parser);

        var closedTwice = await FailAsync("/rapport.v1.DealsService/CloseDeal", new CloseDealRequest { Name = deal.Name, Outcome = CloseDealRequest.Types.Outcome.Won });
        var unknown = await FailAsync("/rapport.v1.DealsService/CloseDeal", new CloseDealRequest { Name = $"deals/{Guid.NewGuid():N}", Outcome = CloseDealRequest.Types.Outcome.Won });
        var badValue = await FailAsync("/rapport.v1.DealsService/CreateDeal",
            new CreateDealRequest { Contact = api.Consenting, Pipeline = "sales", Title = "T", Value = "-1", Currency = "EUR" });
        var badName = await FailAsync("/rapport.v1.ContactsService/GetContact", new GetContactRequest { Name = "people/1" });

        Assert.Equal((StatusCode.FailedPrecondition, "DEAL_CLOSED"), closedTwice);
        Assert.Equal((StatusCode.NotFound, "DEAL_NOT_FOUND"), unknown);
        Assert.Equal((StatusCode.InvalidArgument, "DEAL_VALUE_NEGATIVE"), badValue);
        Assert.Equal((StatusCode.InvalidArgument, "REQUEST_INVALID"), badName);
    }

    private async Task<(StatusCode Status, string Reason)> FailAsync(string path, IMessage request)
    {
        var response = await api.Client.UnaryAsync(path, request, r => r.Headers.TryAddWithoutValidation("authorization", $"Bearer {api.FullKey}"));
        var info = response.StatusDetails!.Details.Single(d => d.Is(Google.Rpc.ErrorInfo.Descriptor)).Unpack<Google.Rpc.ErrorInfo>();
        return (response.Status ?? StatusCode.Unknown, info.Reason);
    }
}
