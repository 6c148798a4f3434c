namespace Rapport.Domain.Sharing;

/// <summary>Consent times are UTC instants with millisecond precision, the precision of the signed encoding.</summary>
internal static class ConsentTime
{
    public static DateTimeOffset Truncate(DateTimeOffset instant) =>
        DateTimeOffset.FromUnixTimeMilliseconds(instant.ToUnixTimeMilliseconds());
}
