using Grpc.Core;
using Rapport.Domain.Common;
using Rapport.Domain.Contacts;
using Rapport.Domain.Pipeline;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>Resource names of the partner API: "contacts/{id}", "deals/{id}", "models/{id}".</summary>
internal static class ResourceNames
{
    public static string Contact(ContactId id) => $"contacts/{id}";

    public static string Deal(DealId id) => $"deals/{id}";

    public static string Model(Domain.Scoring.Learning.ModelId id) => $"models/{id}";

    public static string Interaction(ContactId contact, Guid id) => $"contacts/{contact}/interactions/{id:N}";

    /// <exception cref="RpcException">INVALID_ARGUMENT when the name is not "contacts/{id}".</exception>
    public static ContactId ParseContact(string? name, string field)
    {
        var text = name is not null && name.StartsWith("contacts/", StringComparison.Ordinal) ? name["contacts/".Length..] : null;
        return ContactId.TryParse(text, out var id)
            ? id
            : throw Invalid(field, $"'{name}' is not a contact name; expected contacts/{{id}}");
    }

    public static DealId ParseDeal(string? name, string field)
    {
        var text = name is not null && name.StartsWith("deals/", StringComparison.Ordinal) ? name["deals/".Length..] : null;
        return DealId.TryParse(text, out var id)
            ? id
            : throw Invalid(field, $"'{name}' is not a deal name; expected deals/{{id}}");
    }

    public static RpcException Invalid(string field, string message) => ErrorMapping.ToRpc(new Error(RequestErrors.Invalid, message, field), []);
}
