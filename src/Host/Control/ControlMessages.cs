using System.Text.Json;
using System.Text.Json.Serialization;
using Rapport.Domain.Common;

namespace Rapport.Host.Control;

/// <summary>One line from a client: the command name and its arguments (an object, possibly empty).</summary>
public sealed record ControlRequest(string Command, JsonElement Args);

/// <summary>
/// Why a command failed: the error's code, message, field and <see cref="ErrorKind"/> (spelled as the enum), so the
/// client maps the kind (exit code 1 or 2) exactly as a command run in-process would.
/// </summary>
public sealed record ControlError(
    string Code,
    string Message,
    string? Field,
    [property: JsonConverter(typeof(JsonStringEnumConverter<ErrorKind>))] ErrorKind Kind)
{
    public static ControlError Of(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(error.Code.Value, error.Message, error.Field, error.Kind);
    }

    public Error ToError() => new(new ErrorCode(Code, Kind), Message, Field);
}

/// <summary>One line back: <see cref="Result"/> when <see cref="Ok"/>, otherwise <see cref="Error"/>.</summary>
public sealed record ControlResponse(
    bool Ok,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Result,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ControlError? Error)
{
    public static ControlResponse Success<T>(T result) =>
        new(true, JsonSerializer.SerializeToElement(result, ControlProtocol.Json), null);

    public static ControlResponse Failure(Error error) => new(false, null, ControlError.Of(error));
}
