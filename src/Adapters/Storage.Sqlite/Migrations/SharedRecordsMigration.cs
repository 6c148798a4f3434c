namespace Rapport.Adapters.Storage.Sqlite.Migrations;

internal static class SharedRecordsMigration
{
    // One row per CRDT entry, so a delta rewrites only the entries it touched: a record with thousands of
    // interactions is never rewritten whole. Stamps are (physical, counter, node) columns; a cleared register has a
    // NULL value; a tag tombstone may arrive before the add it removes, hence two tag tables.
    public static Migration V21 { get; } = new(21, "shared records", """
        CREATE TABLE shared_record (
            business        TEXT    NOT NULL,
            customer        TEXT    NOT NULL,
            latest_physical INTEGER NULL,
            latest_counter  INTEGER NULL,
            latest_node     TEXT    NULL,
            last_applied_at INTEGER NULL,
            last_sent_at    INTEGER NULL,
            PRIMARY KEY (business, customer)
        ) WITHOUT ROWID;

        CREATE TABLE shared_record_version (
            business TEXT    NOT NULL,
            customer TEXT    NOT NULL,
            node     TEXT    NOT NULL,
            physical INTEGER NOT NULL,
            counter  INTEGER NOT NULL,
            PRIMARY KEY (business, customer, node)
        ) WITHOUT ROWID;

        CREATE TABLE shared_field (
            business TEXT    NOT NULL,
            customer TEXT    NOT NULL,
            key      TEXT    NOT NULL,
            value    TEXT    NULL,
            physical INTEGER NOT NULL,
            counter  INTEGER NOT NULL,
            node     TEXT    NOT NULL,
            PRIMARY KEY (business, customer, key)
        ) WITHOUT ROWID;

        CREATE TABLE shared_field_watermark (
            business TEXT    NOT NULL,
            customer TEXT    NOT NULL,
            key      TEXT    NOT NULL,
            physical INTEGER NOT NULL,
            counter  INTEGER NOT NULL,
            node     TEXT    NOT NULL,
            PRIMARY KEY (business, customer, key)
        ) WITHOUT ROWID;

        CREATE TABLE shared_tag_add (
            business     TEXT    NOT NULL,
            customer     TEXT    NOT NULL,
            dot_physical INTEGER NOT NULL,
            dot_counter  INTEGER NOT NULL,
            dot_node     TEXT    NOT NULL,
            tag          TEXT    NOT NULL,
            PRIMARY KEY (business, customer, dot_physical, dot_counter, dot_node)
        ) WITHOUT ROWID;

        CREATE TABLE shared_tag_tombstone (
            business     TEXT    NOT NULL,
            customer     TEXT    NOT NULL,
            dot_physical INTEGER NOT NULL,
            dot_counter  INTEGER NOT NULL,
            dot_node     TEXT    NOT NULL,
            physical     INTEGER NOT NULL,
            counter      INTEGER NOT NULL,
            node         TEXT    NOT NULL,
            PRIMARY KEY (business, customer, dot_physical, dot_counter, dot_node)
        ) WITHOUT ROWID;

        CREATE TABLE shared_interaction (
            business       TEXT    NOT NULL,
            customer       TEXT    NOT NULL,
            id             TEXT    NOT NULL,
            physical       INTEGER NOT NULL,
            counter        INTEGER NOT NULL,
            node           TEXT    NOT NULL,
            kind           TEXT    NOT NULL,
            summary        TEXT    NOT NULL,
            occurred_at_ms INTEGER NOT NULL,
            PRIMARY KEY (business, customer, id)
        ) WITHOUT ROWID;

        CREATE TABLE customer_profile (
            key        TEXT    NOT NULL PRIMARY KEY,
            value      TEXT    NOT NULL,
            updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        """);
}
