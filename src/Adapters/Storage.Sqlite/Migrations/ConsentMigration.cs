namespace Rapport.Adapters.Storage.Sqlite.Migrations;

internal static class ConsentMigration
{
    // Consents and policy: filled in by the consent slice.
    public static Migration V3 { get; } = new(3, "consent", """
        CREATE TABLE consent_placeholder (id INTEGER PRIMARY KEY);
        DROP TABLE consent_placeholder;
        """);
}
