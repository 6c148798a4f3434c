namespace Rapport.Adapters.Storage.Sqlite.Migrations;

internal static class AuditMigration
{
    public static Migration V1 { get; } = new(1, "audit log", """
        CREATE TABLE audit_log (
            sequence      INTEGER PRIMARY KEY,
            at            TEXT    NOT NULL,
            actor         TEXT    NOT NULL,
            action        TEXT    NOT NULL,
            subject       TEXT    NOT NULL,
            contact_id    TEXT    NULL,
            detail        TEXT    NOT NULL,
            previous_hash TEXT    NOT NULL,
            hash          TEXT    NOT NULL
        );
        CREATE INDEX ix_audit_contact ON audit_log (contact_id, sequence);
        CREATE INDEX ix_audit_at ON audit_log (at);
        """);

    /// <summary>Entries about many contacts (a bulk read's decisions) are found by contact through this index.</summary>
    public static Migration V25 { get; } = new(25, "audit entries by contact", """
        CREATE TABLE audit_contacts (
            contact_id TEXT    NOT NULL,
            sequence   INTEGER NOT NULL,
            PRIMARY KEY (contact_id, sequence)
        ) WITHOUT ROWID;
        """);
}
