using Rapport.Domain.Common;
using Rapport.Domain.Contacts;

namespace Rapport.Domain.Interactions;

/// <summary>One touchpoint with a contact: what kind, what it was about, when, for how long, and who recorded it.</summary>
public sealed record Interaction
{
    public const int MaxSummaryLength = 300;
    public const int MaxDetailsLength = 20_000;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(7);

    private Interaction(InteractionId id, ContactId contactId, InteractionType type, string summary, string? details, DateTimeOffset at, TimeSpan? duration, string author)
    {
        Id = id;
        ContactId = contactId;
        Type = type;
        Summary = summary;
        Details = details;
        At = at;
        Duration = duration;
        Author = author;
    }

    public InteractionId Id { get; }

    public ContactId ContactId { get; }

    public InteractionType Type { get; }

    public string Summary { get; }

    public string? Details { get; }

    public DateTimeOffset At { get; }

    public TimeSpan? Duration { get; }

    public string Author { get; }

    public static Result<Interaction> Create(
        InteractionId id, ContactId contactId, InteractionType type, string? summary, string? details, DateTimeOffset at, TimeSpan? duration, string author)
    {
        var s = BoundedText.Normalise(summary, MaxSummaryLength, "summary", InteractionErrors.Summary);
        if (s.IsFailure)
        {
            return s.Error;
        }

        if (details is { Length: > MaxDetailsLength })
        {
            return new Error(InteractionErrors.DetailsTooLong, $"details are longer than {MaxDetailsLength} characters", "details");
        }

        if (duration is { } d && (d < TimeSpan.Zero || d > MaxDuration))
        {
            return new Error(InteractionErrors.DurationInvalid, $"duration must be between 0 and {MaxDuration.TotalDays} days", "duration");
        }

        var a = BoundedText.Normalise(author, 200, "author", InteractionErrors.Author);
        if (a.IsFailure)
        {
            return a.Error;
        }

        return new Interaction(id, contactId, type, s.Value, string.IsNullOrWhiteSpace(details) ? null : details, at.ToUniversalTime(), duration, a.Value);
    }

    public static Interaction Restore(InteractionId id, ContactId contactId, InteractionType type, string summary, string? details, DateTimeOffset at, TimeSpan? duration, string author) =>
        new(id, contactId, type, summary, details, at, duration, author);
}
