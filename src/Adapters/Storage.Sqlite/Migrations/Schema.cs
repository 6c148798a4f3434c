namespace Rapport.Adapters.Storage.Sqlite.Migrations;

/// <summary>
/// Every migration this binary knows, in order. The database records the last applied version in
/// `PRAGMA user_version`; a database whose version is above <see cref="CurrentVersion"/> was written by a
/// newer rapport and is refused rather than risk corrupting it.
/// </summary>
public static class Schema
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        AuditMigration.V1,
        CrmMigration.V2,
        ConsentMigration.V3,
        PartnersMigration.V4,
        SharingMigration.V20,
        SharedRecordsMigration.V21,
        PeersMigration.V22,
        SharingMigration.V23,
        CrmMigration.V24,
        AuditMigration.V25,
        PartnersMigration.V26,
        ConsentMigration.V27,
        ScoringMigration.V28,
        ScoringMigration.V29,
        CrmMigration.V30,
        SharingMigration.V31,
    ];

    public static int CurrentVersion => All[^1].Version;
}
