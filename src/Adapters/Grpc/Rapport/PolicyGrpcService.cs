using Grpc.Core;
using Rapport.Application.Policy.Evaluate;
using Rapport.Application.Policy.EvaluateBatch;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;
using Rapport.Domain.Policy;
using Rapport.Protocol.V1;
using V1 = global::Rapport.Protocol.V1;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>rapport.v1.PolicyService bound to the policy engine's use cases (each decision is audited by them).</summary>
public sealed class PolicyGrpcService(EvaluatePolicy one, EvaluatePolicyBatch many) : PolicyService.PolicyServiceBase
{
    public override async Task<V1.PolicyDecision> Evaluate(EvaluateRequest request, ServerCallContext context)
    {
        var contact = ResourceNames.ParseContact(request.Contact, "contact");
        var decision = await one.ExecuteAsync(
            new EvaluatePolicyCommand(request.Action, contact, Field(request.Field), Mode(request.Monitor), context.Actor()),
            context.CancellationToken).ConfigureAwait(false);
        return ErrorMapping.Unwrap(decision).ToProto();
    }

    public override async Task<EvaluateBatchResponse> EvaluateBatch(EvaluateBatchRequest request, ServerCallContext context)
    {
        var contacts = new List<ContactId>(request.Contacts.Count);
        for (var i = 0; i < request.Contacts.Count; i++)
        {
            contacts.Add(ResourceNames.ParseContact(request.Contacts[i], $"contacts[{i}]"));
        }

        var decisions = await many.ExecuteAsync(
            new EvaluatePolicyBatchCommand(request.Action, contacts, Field(request.Field), Mode(request.Monitor), context.Actor()),
            context.CancellationToken).ConfigureAwait(false);
        var response = new EvaluateBatchResponse();
        response.Decisions.AddRange(ErrorMapping.Unwrap(decisions).Select(d => d.ToProto()));
        return response;
    }

    private static EnforcementMode Mode(bool monitor) => monitor ? EnforcementMode.Monitor : EnforcementMode.Enforce;

    private static FieldKey? Field(string field) => string.IsNullOrEmpty(field) ? null : ErrorMapping.Unwrap(FieldKey.Parse(field));
}
