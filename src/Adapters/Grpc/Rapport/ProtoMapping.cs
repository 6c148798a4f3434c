using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;
using Rapport.Domain.Interactions;
using Rapport.Domain.Pipeline;
using Rapport.Domain.Policy;
using V1 = global::Rapport.Protocol.V1;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>Domain values to rapport.v1 messages.</summary>
internal static class ProtoMapping
{
    public static V1.Contact ToProto(this Contact contact)
    {
        var message = new V1.Contact
        {
            Name = ResourceNames.Contact(contact.Id),
            DisplayName = contact.Name.Value,
            Email = contact.Email?.Value ?? string.Empty,
            Phone = contact.Phone?.Value ?? string.Empty,
            Company = contact.Company?.Value ?? string.Empty,
            CreateTime = Timestamp.FromDateTimeOffset(contact.CreatedAt),
            UpdateTime = Timestamp.FromDateTimeOffset(contact.UpdatedAt),
        };
        message.Tags.AddRange(contact.Tags.Values);
        return message;
    }

    public static V1.Interaction ToProto(this Interaction interaction) => new()
    {
        Name = ResourceNames.Interaction(interaction.ContactId, interaction.Id.Value),
        Contact = ResourceNames.Contact(interaction.ContactId),
        Type = interaction.Type.Name(),
        Summary = interaction.Summary,
        Details = interaction.Details ?? string.Empty,
        OccurTime = Timestamp.FromDateTimeOffset(interaction.At),
        Duration = interaction.Duration is { } d ? Duration.FromTimeSpan(d) : null,
        Author = interaction.Author,
    };

    public static V1.Deal ToProto(this Deal deal, string pipeline) => new()
    {
        Name = ResourceNames.Deal(deal.Id),
        Contact = ResourceNames.Contact(deal.ContactId),
        Pipeline = pipeline,
        Title = deal.Title,
        Value = deal.Value.Amount.ToString("0.00##", CultureInfo.InvariantCulture),
        Currency = deal.Value.Currency.Code,
        Stage = deal.Stage,
        Status = deal.Status.ToString().ToLowerInvariant(),
        LostReason = deal.Outcome is DealLost lost ? lost.Reason : string.Empty,
        CreateTime = Timestamp.FromDateTimeOffset(deal.CreatedAt),
    };

    public static V1.ConsentReceipt ToProto(this ConsentGrant grant) => new()
    {
        Purpose = grant.Purpose.Key,
        Version = grant.Version,
        Basis = grant.Basis.ToKey(),
        Source = grant.Source.Describe(),
        ReceiptHash = grant.Source is ConsentSource.SignedByCustomer s ? s.ReceiptHash : string.Empty,
        IssueTime = Timestamp.FromDateTimeOffset(grant.IssuedAt),
        EffectiveTime = Timestamp.FromDateTimeOffset(grant.EffectiveFrom),
        ExpireTime = grant.ExpiresAt is { } e ? Timestamp.FromDateTimeOffset(e) : null,
        RevokeTime = grant.RevokedAt is { } r ? Timestamp.FromDateTimeOffset(r) : null,
    };

    public static V1.PolicyDecision ToProto(this PolicyDecision decision)
    {
        var message = new V1.PolicyDecision
        {
            Contact = ResourceNames.Contact(decision.Contact),
            Action = decision.Action,
            Allowed = decision.Allowed,
            Permitted = decision.Permitted,
            PolicyVersion = decision.PolicyVersion,
            SnapshotHash = decision.SnapshotHash,
        };
        message.Reasons.AddRange(decision.Reasons.Select(r => r.Code));
        return message;
    }
}
