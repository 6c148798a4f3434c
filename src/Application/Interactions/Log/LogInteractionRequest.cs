using Rapport.Domain.Contacts;
using Rapport.Domain.Interactions;

namespace Rapport.Application.Interactions;

/// <param name="At">When it happened; null means now.</param>
public sealed record LogInteractionRequest(
    ContactId ContactId, InteractionType Type, string Summary, string? Details = null, DateTimeOffset? At = null, TimeSpan? Duration = null, string Author = "cli");
