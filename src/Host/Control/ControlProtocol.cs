using System.Text.Json;
using Rapport.Domain.Common;

namespace Rapport.Host.Control;

/// <summary>
/// The control socket's framing (docs/control-socket.md): one UTF-8 JSON object per line each way, a request
/// <c>{"command": "...", "args": {...}}</c> answered by <c>{"ok": true, "result": ...}</c> or
/// <c>{"ok": false, "error": {"code", "message", "field", "kind"}}</c>.
/// </summary>
public static class ControlProtocol
{
    /// <summary>A request line longer than this is refused (and the connection closed), so a client cannot make the node buffer without end.</summary>
    public const int MaxLineLength = 64 * 1024;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Result<ControlRequest> ParseRequest(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return new Error(ControlErrors.BadRequest, $"the request is not JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new Error(ControlErrors.BadRequest, "the request must be a JSON object");
            }

            if (!root.TryGetProperty("command", out var command) || command.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(command.GetString()))
            {
                return new Error(ControlErrors.BadRequest, "the request has no \"command\" string", "command");
            }

            JsonElement args;
            if (!root.TryGetProperty("args", out var given) || given.ValueKind == JsonValueKind.Null)
            {
                args = JsonSerializer.SerializeToElement(new { });
            }
            else if (given.ValueKind == JsonValueKind.Object)
            {
                args = given.Clone();
            }
            else
            {
                return new Error(ControlErrors.BadRequest, "\"args\" must be a JSON object", "args");
            }

            return new ControlRequest(command.GetString()!, args);
        }
    }

    public static string Serialize(ControlResponse response) => JsonSerializer.Serialize(response, Json);

    public static string Serialize(string command, object args) => JsonSerializer.Serialize(new { command, args }, Json);

    public static Result<ControlResponse> ParseResponse(string line)
    {
        try
        {
            var response = JsonSerializer.Deserialize<ControlResponse>(line, Json);
            return response is null || (!response.Ok && response.Error is null)
                ? new Error(ControlErrors.BadResponse, "the node answered with an incomplete response")
                : response;
        }
        catch (JsonException e)
        {
            return new Error(ControlErrors.BadResponse, $"the node's answer is not a response: {e.Message}");
        }
    }
}
