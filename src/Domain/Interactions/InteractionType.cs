using Rapport.Domain.Common;

namespace Rapport.Domain.Interactions;

public enum InteractionType
{
    Call,
    Email,
    Meeting,
    Message,

    /// <summary>Something the customer's node reported (consent change, shared update), not logged by a person.</summary>
    PlatformEvent,
}

public static class InteractionTypes
{
    public static string Name(this InteractionType type) => type switch
    {
        InteractionType.Call => "call",
        InteractionType.Email => "email",
        InteractionType.Meeting => "meeting",
        InteractionType.Message => "message",
        InteractionType.PlatformEvent => "platform-event",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static Result<InteractionType> Parse(string? text, string field = "type") => text?.Trim().ToLowerInvariant() switch
    {
        "call" => InteractionType.Call,
        "email" => InteractionType.Email,
        "meeting" => InteractionType.Meeting,
        "message" => InteractionType.Message,
        "platform-event" => InteractionType.PlatformEvent,
        _ => new Error(InteractionErrors.TypeInvalid, $"'{text}' is not an interaction type (call, email, meeting, message, platform-event)", field),
    };
}
