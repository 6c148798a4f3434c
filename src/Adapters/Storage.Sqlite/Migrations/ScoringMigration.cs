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

    // The scores batch scoring keeps, each with the weights version or model it came from. A change to what a score
    // was made from removes it here, in the transaction of the change, and counts up the contact's inputs version: the
    // contact's row (details, last interaction), an interaction, a deal or its stages, a consent record. A score made
    // from an older snapshot is only kept while that version is unchanged. A new model removes every score of its kind.
    public static Migration V29 { get; } = new(29, "score cache", $$"""
        CREATE TABLE score_cache (
            contact_id  TEXT    NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
            kind        TEXT    NOT NULL CHECK (kind IN ('lead', 'conversion', 'strength', 'churn')),
            subject     TEXT    NOT NULL,
            version     TEXT    NOT NULL,
            score       REAL    NOT NULL,
            computed_at INTEGER NOT NULL,
            PRIMARY KEY (contact_id, kind, subject)
        ) WITHOUT ROWID;

        CREATE TABLE score_inputs (
            contact_id TEXT    NOT NULL PRIMARY KEY REFERENCES contacts (id) ON DELETE CASCADE,
            version    INTEGER NOT NULL
        ) WITHOUT ROWID;

        {{Changed("score_cache_contact_changed", "AFTER UPDATE ON contacts", "OLD.id")}}
        {{Changed("score_cache_interaction_added", "AFTER INSERT ON interactions", "NEW.contact_id")}}
        {{Changed("score_cache_interaction_changed", "AFTER UPDATE ON interactions", "OLD.contact_id", "NEW.contact_id")}}
        {{Changed("score_cache_interaction_removed", "AFTER DELETE ON interactions", "OLD.contact_id")}}
        {{Changed("score_cache_deal_added", "AFTER INSERT ON deals", "NEW.contact_id")}}
        {{Changed("score_cache_deal_changed", "AFTER UPDATE ON deals", "OLD.contact_id", "NEW.contact_id")}}
        {{Changed("score_cache_deal_removed", "AFTER DELETE ON deals", "OLD.contact_id")}}
        {{Changed("score_cache_deal_moved", "AFTER INSERT ON deal_stage_history", "(SELECT contact_id FROM deals WHERE id = NEW.deal_id)")}}
        {{Changed("score_cache_consent_added", "AFTER INSERT ON consent_version", "NEW.contact_id")}}
        {{Changed("score_cache_consent_changed", "AFTER UPDATE ON consent_version", "OLD.contact_id", "NEW.contact_id")}}
        {{Changed("score_cache_consent_removed", "AFTER DELETE ON consent_version", "OLD.contact_id")}}

        CREATE TRIGGER score_cache_model_added AFTER INSERT ON model
        BEGIN DELETE FROM score_cache WHERE kind = lower(NEW.task); END;
        """);

    // A trigger that removes the scores of the contact(s) a change touches and counts up their inputs version.
    private static string Changed(string name, string when, params string[] contacts) =>
        $"CREATE TRIGGER {name} {when}\n        BEGIN\n" + string.Concat(contacts.Select(contact =>
            $"""
                        DELETE FROM score_cache WHERE contact_id = {contact};
                        INSERT INTO score_inputs (contact_id, version) SELECT id, 1 FROM contacts WHERE id = {contact}
                            ON CONFLICT (contact_id) DO UPDATE SET version = version + 1;

            """)) + "        END;";
}
