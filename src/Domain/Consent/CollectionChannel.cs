using Rapport.Domain.Common;

namespace Rapport.Domain.Consent;

/// <summary>How the business collected a consent itself.</summary>
public enum CollectionChannel
{
    Form,
    Call,
    Import,
}

public static class CollectionChannelText
{
    public static string ToKey(this CollectionChannel channel) => channel switch
    {
        CollectionChannel.Form => "form",
        CollectionChannel.Call => "call",
        CollectionChannel.Import => "import",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
    };

    public static Result<CollectionChannel> Parse(string? text) => text switch
    {
        "form" => CollectionChannel.Form,
        "call" => CollectionChannel.Call,
        "import" => CollectionChannel.Import,
        _ => new Error(ConsentErrors.SourceInvalid, $"'{text}' is not a source; use form, call or import", "source"),
    };
}
