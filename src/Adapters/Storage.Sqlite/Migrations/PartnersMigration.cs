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
}
