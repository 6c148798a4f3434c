namespace Rapport.Application.Contacts;

/// <summary>
/// What to change on a contact; null leaves a value as it is. <see cref="ReplaceTags"/> sets the tags to exactly the
/// list given (field-mask semantics), read and written in one transaction; it excludes adding and removing tags.
/// </summary>
public sealed record ContactChanges(
    string? Name = null,
    string? Email = null,
    string? Phone = null,
    string? Company = null,
    IReadOnlyList<string>? AddTags = null,
    IReadOnlyList<string>? RemoveTags = null,
    IReadOnlyList<string>? SetFields = null,
    IReadOnlyList<string>? ReplaceTags = null)
{
    public bool IsEmpty => Name is null && Email is null && Phone is null && Company is null && ReplaceTags is null &&
        (AddTags?.Count ?? 0) == 0 && (RemoveTags?.Count ?? 0) == 0 && (SetFields?.Count ?? 0) == 0;
}
