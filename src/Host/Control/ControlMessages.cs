using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rapport.Host.Control;

/// <summary>One line from a client: the command name and its arguments (an object, possibly empty).</summary>
public sealed record ControlRequest(string Command, JsonElement Args);

/// <summary>
/// Why a command failed. <see cref="Failure"/> is true when the node, the network or the peer failed (exit code 1),
/// false when the request itself was wrong (exit code 2).
/// </summary>
public sealed record ControlError(string Code, string Message, string? Field, bool Failure);

/// <summary>One line back: <see cref="Result"/> when <see cref="Ok"/>, otherwise <see cref="Error"/>.</summary>
public sealed record ControlResponse(
    bool Ok,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Result,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ControlError? Error)
{
    public static ControlResponse Success<T>(T result) =>
        new(true, JsonSerializer.SerializeToElement(result, ControlProtocol.Json), null);

    public static ControlResponse Invalid(string code, string message, string? field = null) => new(false, null, new ControlError(code, message, field, false));

    public static ControlResponse Failed(string code, string message) => new(false, null, new ControlError(code, message, null, true));
}
