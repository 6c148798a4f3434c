namespace Rapport.Adapters.Storage.Sqlite.Migrations;

internal static class SharingMigration
{
    // Grants are kept byte for byte (canonical bytes, signature, key) so either side can re-verify them offline;
    // the pair and version columns are copies read from those bytes, for lookups and the version order.
    public static Migration V20 { get; } = new(20, "sharing", """
        CREATE TABLE sharing_request (
            request_id    TEXT    NOT NULL PRIMARY KEY,
            direction     TEXT    NOT NULL CHECK (direction IN ('outgoing', 'incoming')),
            status        TEXT    NOT NULL CHECK (status IN ('pending', 'granted', 'declined')),
            business      TEXT    NOT NULL,
            customer      TEXT    NOT NULL,
            fields        TEXT    NOT NULL,
            purposes      TEXT    NOT NULL,
            duration_ms   INTEGER NOT NULL,
            reason        TEXT    NOT NULL,
            created_at_ms INTEGER NOT NULL,
            stored_at     INTEGER NOT NULL,
            decided_at    INTEGER NULL
        ) WITHOUT ROWID;
        CREATE INDEX ix_sharing_request_pending ON sharing_request (direction, status, created_at_ms);

        CREATE TABLE sharing_grant (
            business        TEXT    NOT NULL,
            customer        TEXT    NOT NULL,
            version         INTEGER NOT NULL CHECK (version >= 1),
            canonical_grant BLOB    NOT NULL,
            signature       BLOB    NOT NULL,
            signer_key      BLOB    NOT NULL,
            stored_at       INTEGER NOT NULL,
            PRIMARY KEY (business, customer, version)
        ) WITHOUT ROWID;

        CREATE TABLE sharing_receipt (
            business       TEXT    NOT NULL,
            customer       TEXT    NOT NULL,
            version        INTEGER NOT NULL,
            grant_sha256   BLOB    NOT NULL,
            received_at_ms INTEGER NOT NULL,
            signature      BLOB    NOT NULL,
            signer_key     BLOB    NOT NULL,
            PRIMARY KEY (business, customer, version)
        ) WITHOUT ROWID;
        """);

    // A customer may say why they declined; kept on both sides for `requests show`.
    public static Migration V23 { get; } = new(23, "sharing decline reason", """
        ALTER TABLE sharing_request ADD COLUMN decline_reason TEXT NULL;
        """);

    // A business answering a sync session from a peer it holds no grant of looks for a request it sent that peer.
    public static Migration V31 { get; } = new(31, "sharing requests by customer", """
        CREATE INDEX ix_sharing_request_customer ON sharing_request (customer, direction, status);
        """);
}
