namespace Rapport.Application.Contacts;

/// <param name="Purpose">When set, only contacts whose consent allows this purpose now are returned.</param>
/// <param name="PageSize">0 means <see cref="DefaultPageSize"/>.</param>
/// <param name="PageToken">Empty for the first page, otherwise a previous page's next token.</param>
/// <param name="OrderBy">"name" (the default), "email", "company" or "last_interaction", optionally followed by "asc" or "desc" (<see cref="ContactOrder"/>); every page of one listing uses the same order.</param>
public sealed record ContactPageRequest(string? Tag = null, string? Search = null, string? Purpose = null, int PageSize = 0, string? PageToken = null, string? OrderBy = null)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;

    /// <summary>Longest search text: a name, an address or a company is shorter, and SQLite refuses very long patterns.</summary>
    public const int MaxSearchLength = 200;
}
