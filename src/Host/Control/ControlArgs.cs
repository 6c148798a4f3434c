using System.Text.Json;
using Rapport.Domain.Common;

namespace Rapport.Host.Control;

/// <summary>Typed access to a request's arguments; a missing or mistyped argument is a clear validation error.</summary>
public sealed class ControlArgs(JsonElement args)
{
    public Result<string> String(string name)
    {
        var value = OptionalString(name);
        return value.IsFailure ? value.Error
            : value.Value is { Length: > 0 } text ? text
            : new Error(ControlErrors.BadRequest, $"\"{name}\" is required", name);
    }

    public Result<string?> OptionalString(string name) =>
        !args.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? Result<string?>.Success(null)
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : new Error(ControlErrors.BadRequest, $"\"{name}\" must be a string", name);

    public Result<int> Int(string name) =>
        args.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : new Error(ControlErrors.BadRequest, $"\"{name}\" must be an integer", name);

    /// <summary>A boolean, false when absent.</summary>
    public Result<bool> OptionalBool(string name) =>
        !args.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? false
        : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
        : new Error(ControlErrors.BadRequest, $"\"{name}\" must be true or false", name);

    /// <summary>An array of strings, or null when absent.</summary>
    public Result<IReadOnlyList<string>?> Strings(string name)
    {
        if (!args.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return Result<IReadOnlyList<string>?>.Success(null);
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            return new Error(ControlErrors.BadRequest, $"\"{name}\" must be an array of strings", name);
        }

        return Result<IReadOnlyList<string>?>.Success(value.EnumerateArray().Select(e => e.GetString()!).ToList());
    }

    /// <summary>An object of string values (e.g. field → level), or null when absent.</summary>
    public Result<IReadOnlyDictionary<string, string>?> StringMap(string name)
    {
        if (!args.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return Result<IReadOnlyDictionary<string, string>?>.Success(null);
        }

        if (value.ValueKind != JsonValueKind.Object || value.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
        {
            return new Error(ControlErrors.BadRequest, $"\"{name}\" must be an object of strings", name);
        }

        return Result<IReadOnlyDictionary<string, string>?>.Success(value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal));
    }
}
