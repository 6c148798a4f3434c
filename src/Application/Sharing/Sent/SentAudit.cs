using System.Globalization;
using Rapport.Application.SharedRecords;
using Rapport.Domain.Audit;

namespace Rapport.Application.Sharing.Sent;

/// <summary>
/// The customer's audit entry for a delta its sync sent a business: the field names and how many interactions, never a
/// value. Written by the sync, read back by <see cref="ShowSentToBusinesses"/>; the detail's format lives only here.
/// </summary>
public static class SentAudit
{
    public const string Action = "sharing.sent";

    private const string FieldsKey = "fields=";
    private const string InteractionsKey = "interactions=";

    public static AuditEvent Event(DateTimeOffset at, SharedRecordPair pair, IEnumerable<string> fields, int interactions)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var names = string.Join(',', fields.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return SharingAudit.For(at, Actor(pair.BusinessPeerId), Action, pair.BusinessPeerId, pair.CustomerPeerId,
            string.Create(CultureInfo.InvariantCulture, $"{FieldsKey}{names} {InteractionsKey}{interactions}"));
    }

    private const string ActorPrefix = "peer:";

    /// <summary>The actor of the entries about <paramref name="businessPeerId"/>: the peer the delta went to.</summary>
    private static string Actor(string businessPeerId) => ActorPrefix + businessPeerId;

    /// <summary>The business an entry of this kind is about, or null for any other entry.</summary>
    public static string? BusinessOf(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        return auditEvent.Action == Action && auditEvent.Actor.StartsWith(ActorPrefix, StringComparison.Ordinal) ? auditEvent.Actor[ActorPrefix.Length..] : null;
    }

    /// <summary>The field names and interaction count of one such entry; empty for a detail in another format.</summary>
    public static (IReadOnlyList<string> Fields, int Interactions) Read(string detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        IReadOnlyList<string> fields = [];
        var interactions = 0;
        foreach (var part in detail.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith(FieldsKey, StringComparison.Ordinal))
            {
                fields = part[FieldsKey.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries);
            }
            else if (part.StartsWith(InteractionsKey, StringComparison.Ordinal)
                     && int.TryParse(part.AsSpan(InteractionsKey.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                interactions = count;
            }
        }

        return (fields, interactions);
    }
}
