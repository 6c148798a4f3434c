namespace Rapport.Application.Contacts;

/// <param name="Exported">Rows written.</param>
/// <param name="Withheld">Contacts examined whose consent did not allow the export (each one an audited denial).</param>
/// <param name="Purpose">The purpose the export was decided for.</param>
public sealed record ContactExport(int Exported, int Withheld, string Purpose);
