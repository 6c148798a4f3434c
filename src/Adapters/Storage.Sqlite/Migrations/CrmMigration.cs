namespace Rapport.Adapters.Storage.Sqlite.Migrations;

internal static class CrmMigration
{
    // Times are UTC ticks (INTEGER) so ordering and range scans use the index directly; money is decimal text, never REAL.
    public static Migration V2 { get; } = new(2, "crm", """
        CREATE TABLE contacts (
            id                  TEXT    PRIMARY KEY,
            name                TEXT    NOT NULL,
            email               TEXT    NULL,
            phone               TEXT    NULL,
            company             TEXT    NULL,
            tags                TEXT    NOT NULL DEFAULT '',
            fields              TEXT    NOT NULL DEFAULT '',
            peer_id             TEXT    NULL,
            created_at          INTEGER NOT NULL,
            updated_at          INTEGER NOT NULL,
            last_interaction_at INTEGER NULL
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX ux_contacts_email ON contacts (email COLLATE NOCASE) WHERE email IS NOT NULL;
        CREATE UNIQUE INDEX ux_contacts_peer ON contacts (peer_id) WHERE peer_id IS NOT NULL;

        CREATE TABLE interactions (
            id           TEXT    PRIMARY KEY,
            contact_id   TEXT    NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
            type         TEXT    NOT NULL,
            summary      TEXT    NOT NULL,
            details      TEXT    NULL,
            at           INTEGER NOT NULL,
            duration     INTEGER NULL,
            author       TEXT    NOT NULL
        );
        CREATE INDEX ix_interactions_timeline ON interactions (contact_id, at DESC, id DESC);

        CREATE TABLE pipelines (
            id         TEXT    PRIMARY KEY,
            name       TEXT    NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX ux_pipelines_name ON pipelines (name COLLATE NOCASE);

        CREATE TABLE pipeline_stages (
            pipeline_id TEXT    NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
            position    INTEGER NOT NULL,
            name        TEXT    NOT NULL,
            probability INTEGER NOT NULL CHECK (probability BETWEEN 0 AND 100),
            PRIMARY KEY (pipeline_id, position)
        ) WITHOUT ROWID;

        CREATE TABLE deals (
            id             TEXT    PRIMARY KEY,
            pipeline_id    TEXT    NOT NULL REFERENCES pipelines (id),
            contact_id     TEXT    NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
            title          TEXT    NOT NULL,
            amount         TEXT    NOT NULL,
            currency       TEXT    NOT NULL,
            expected_close TEXT    NULL,
            stage          TEXT    NOT NULL,
            status         TEXT    NOT NULL CHECK (status IN ('open', 'won', 'lost')),
            closed_at      INTEGER NULL,
            lost_reason    TEXT    NULL,
            created_at     INTEGER NOT NULL
        );
        CREATE INDEX ix_deals_stage ON deals (pipeline_id, stage, status);
        CREATE INDEX ix_deals_contact ON deals (contact_id);

        CREATE TABLE deal_stage_history (
            deal_id    TEXT    NOT NULL REFERENCES deals (id) ON DELETE CASCADE,
            position   INTEGER NOT NULL,
            stage      TEXT    NOT NULL,
            entered_at INTEGER NOT NULL,
            PRIMARY KEY (deal_id, position)
        ) WITHOUT ROWID;
        """);

    // Paged listing walks contacts by (name, id) after a cursor; without this index every page sorted the whole table.
    public static Migration V24 { get; } = new(24, "contacts by name", """
        CREATE INDEX ix_contacts_name ON contacts (name COLLATE NOCASE, id);
        """);

    // The contact list sorts by e-mail, company or last interaction too; each order pages by its own index. The
    // expressions are the ones SqliteContactStore sorts by, missing values as the smallest key.
    public static Migration V30 { get; } = new(30, "contacts by e-mail, company and last interaction", """
        CREATE INDEX ix_contacts_email_order ON contacts (coalesce(email, '') COLLATE NOCASE, id);
        CREATE INDEX ix_contacts_company ON contacts (coalesce(company, '') COLLATE NOCASE, id);
        CREATE INDEX ix_contacts_last_interaction ON contacts (coalesce(last_interaction_at, 0), id);
        """);
}
