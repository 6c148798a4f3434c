namespace Rapport.Adapters.Storage.Sqlite.Migrations;

internal static class PartnersMigration
{
    // Only the SHA-256 of a partner's API key is kept; key_id is the key's public prefix used for look-up.
    public static Migration V4 { get; } = new(4, "partners", """
        CREATE TABLE partner (
            name         TEXT    NOT NULL PRIMARY KEY,
            key_id       TEXT    NOT NULL UNIQUE,
            key_hash     TEXT    NOT NULL,
            scopes       TEXT    NOT NULL,
            rate_per_sec REAL    NOT NULL CHECK (rate_per_sec > 0),
            rate_burst   INTEGER NOT NULL CHECK (rate_burst >= 1),
            created_at   TEXT    NOT NULL,
            revoked_at   TEXT    NULL
        ) WITHOUT ROWID;
        """);

    /// <summary>
    /// A count of changes to the partners, kept by triggers so that every writer (the node, a CLI command beside it)
    /// moves it: the node's in-memory key index reloads when it changed.
    /// </summary>
    public static Migration V26 { get; } = new(26, "partner changes", """
        CREATE TABLE partner_changes (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
        INSERT INTO partner_changes (id, version) VALUES (1, 0);
        CREATE TRIGGER partner_added AFTER INSERT ON partner BEGIN UPDATE partner_changes SET version = version + 1 WHERE id = 1; END;
        CREATE TRIGGER partner_changed AFTER UPDATE ON partner BEGIN UPDATE partner_changes SET version = version + 1 WHERE id = 1; END;
        CREATE TRIGGER partner_removed AFTER DELETE ON partner BEGIN UPDATE partner_changes SET version = version + 1 WHERE id = 1; END;
        """);
}
