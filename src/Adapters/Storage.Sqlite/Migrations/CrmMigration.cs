namespace Rapport.Adapters.Storage.Sqlite.Migrations;

internal static class CrmMigration
{
    // Contacts, interactions, pipelines, stages, deals: filled in by the CRM slice.
    public static Migration V2 { get; } = new(2, "crm", """
        CREATE TABLE crm_placeholder (id INTEGER PRIMARY KEY);
        DROP TABLE crm_placeholder;
        """);
}
