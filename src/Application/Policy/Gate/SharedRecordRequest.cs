using Rapport.Domain.Sharing;

namespace Rapport.Application.Policy.Gate;

/// <summary>One use of a shared record to decide: <paramref name="Action"/> on the record, <paramref name="FieldAction"/> per field.</summary>
/// <param name="Grant">The newest grant held for the pair: the consent the use is decided on.</param>
/// <param name="Fields">The shared-record keys the use touches (the fields of a delta, of the replica, of an edit).</param>
/// <param name="Actor">Who asks (`peer:&lt;id&gt;` for the other node, `cli`); written with the decision.</param>
/// <param name="Contact">The business's contact for the customer, when it has one, so the entry is found under it.</param>
/// <param name="CarriesRecordData">Whether the use moves tags or interactions besides <paramref name="Fields"/>.</param>
public sealed record SharedRecordRequest(
    SignedConsentGrant Grant, string Action, string FieldAction, IReadOnlyCollection<string> Fields, string Actor, string? Contact = null, bool CarriesRecordData = false)
{
    /// <summary>
    /// Whether the use touches personal data at all. An allowed use that touches none (a sync round with nothing new)
    /// is decided but not written: it used nothing. A denied one is always written.
    /// </summary>
    public bool TouchesData => Fields.Count > 0 || CarriesRecordData;

    /// <summary>The audit subject of the pair, as the consent flow names it.</summary>
    public string Subject => $"sharing:{Grant.Grant.BusinessPeerId}/{Grant.Grant.CustomerPeerId}";
}
