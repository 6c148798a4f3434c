using Microsoft.Data.Sqlite;

namespace Rapport.Adapters.Storage.Sqlite.Tests;

/// <summary>What SQLite plans to do with a store's own statement: the detail lines of EXPLAIN QUERY PLAN.</summary>
internal static class QueryPlan
{
    public static async Task<List<string>> OfAsync(SqliteCommand command)
    {
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }
}
