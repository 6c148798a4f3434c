using Rapport.Domain.Common;

namespace Rapport.Application.Contacts;

/// <summary>A data row that was not imported: its row number (the header is row 1), its cells and every reason.</summary>
public sealed record RejectedRow(int Row, IReadOnlyList<string> Cells, IReadOnlyList<Error> Errors)
{
    public string Reasons => string.Join("; ", Errors.Select(e => e.Field is null ? e.Message : $"{e.Field}: {e.Message}"));
}
