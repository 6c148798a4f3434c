namespace Rapport.Adapters.Storage.Sqlite.Migrations;

internal static class ScoringMigration
{
    // Trained models: the card (JSON, no personal data) and the model's bytes, whose CID the card holds.
    public static Migration V28 { get; } = new(28, "scoring models", """
        CREATE TABLE model (
            model_id   TEXT    NOT NULL PRIMARY KEY,
            task       TEXT    NOT NULL,
            trained_at INTEGER NOT NULL,
            card       TEXT    NOT NULL CHECK (json_valid(card)),
            bytes      BLOB    NOT NULL
        ) WITHOUT ROWID;

        CREATE INDEX model_by_task ON model (task, trained_at DESC);
        """);
}
