namespace Rapport.Application.SharedRecords;

/// <summary>The two peers of a relationship; one shared record exists per pair.</summary>
public sealed record SharedRecordPair(string BusinessPeerId, string CustomerPeerId)
{
    /// <summary>The side <paramref name="localPeerId"/> plays in this pair.</summary>
    public SharingRole RoleOf(string localPeerId) =>
        string.Equals(BusinessPeerId, localPeerId, StringComparison.Ordinal) ? SharingRole.Business : SharingRole.Customer;

    /// <summary>The other side, seen from <paramref name="localPeerId"/>.</summary>
    public string RemoteOf(string localPeerId) => RoleOf(localPeerId) == SharingRole.Business ? CustomerPeerId : BusinessPeerId;

    public override string ToString() => $"{BusinessPeerId}/{CustomerPeerId}";
}
