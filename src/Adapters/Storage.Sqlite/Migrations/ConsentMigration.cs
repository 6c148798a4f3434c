namespace Rapport.Adapters.Storage.Sqlite.Migrations;

internal static class ConsentMigration
{
    // Every version of every consent is kept; the current one is the highest version per (contact, purpose).
    // Instants are stored as fixed-width UTC text (yyyy-MM-ddTHH:mm:ss.fffffffZ) so they sort as they compare.
    public static Migration V3 { get; } = new(3, "consent", """
        CREATE TABLE consent_version (
            contact_id       TEXT    NOT NULL,
            purpose          TEXT    NOT NULL,
            version          INTEGER NOT NULL CHECK (version >= 1),
            basis            TEXT    NOT NULL CHECK (basis IN ('consent', 'contract', 'legitimate_interest')),
            source_kind      TEXT    NOT NULL CHECK (source_kind IN ('collected', 'signed_by_customer')),
            source_channel   TEXT    NULL CHECK (source_channel IN ('form', 'call', 'import')),
            source_reference TEXT    NULL,
            receipt_hash     TEXT    NULL,
            issued_at        TEXT    NOT NULL,
            effective_from   TEXT    NOT NULL,
            expires_at       TEXT    NULL,
            revoked_at       TEXT    NULL,
            PRIMARY KEY (contact_id, purpose, version)
        ) WITHOUT ROWID;
        CREATE INDEX ix_consent_lookup ON consent_version (contact_id, purpose, effective_from);

        CREATE TABLE consent_field (
            contact_id TEXT    NOT NULL,
            purpose    TEXT    NOT NULL,
            version    INTEGER NOT NULL,
            field      TEXT    NOT NULL,
            level      TEXT    NOT NULL CHECK (level IN ('none', 'view', 'edit')),
            PRIMARY KEY (contact_id, purpose, version, field),
            FOREIGN KEY (contact_id, purpose, version) REFERENCES consent_version (contact_id, purpose, version)
        ) WITHOUT ROWID;
        """);

    // One spelling of a field (issue 24): a profile field is named by itself (`email`), no longer `profile.email`;
    // the wildcard `profile.*` stays. Before this, a name with '.' or '-' could not be recorded, so nothing collides.
    public static Migration V27 { get; } = new(27, "one field spelling", """
        UPDATE consent_field SET field = substr(field, 9) WHERE field LIKE 'profile.%' AND field <> 'profile.*';
        """);
}
