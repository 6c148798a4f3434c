namespace Rapport.Adapters.Storage.Sqlite.Contacts;

/// <summary>Instants are stored as UTC ticks: sortable integers, exact to 100 ns.</summary>
internal static class SqliteTime
{
    public static long ToTicks(DateTimeOffset at) => at.UtcTicks;

    public static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);
}
