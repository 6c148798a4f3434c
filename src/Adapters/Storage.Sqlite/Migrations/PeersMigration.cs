namespace Rapport.Adapters.Storage.Sqlite.Migrations;

internal static class PeersMigration
{
    // The peer address book: who this node has reached and where, so it can re-dial after a restart.
    public static Migration V22 { get; } = new(22, "peers", """
        CREATE TABLE peer (
            peer_id           TEXT    NOT NULL PRIMARY KEY,
            first_seen_at     INTEGER NOT NULL,
            last_connected_at INTEGER NULL,
            failures          INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
            last_failure_at   INTEGER NULL
        ) WITHOUT ROWID;

        CREATE TABLE peer_address (
            peer_id  TEXT    NOT NULL REFERENCES peer (peer_id) ON DELETE CASCADE,
            address  TEXT    NOT NULL,
            added_at INTEGER NOT NULL,
            PRIMARY KEY (peer_id, address)
        ) WITHOUT ROWID;
        """);
}
