using System.Text.Json;
using Rapport.Domain.Common;

namespace Rapport.Host.Composition;

/// <summary>
/// How the node reads a JSON settings file of its data directory (its policy, its lead-score weights): comments and
/// trailing commas allowed, a file that cannot be read or is not JSON named with the reason, line and byte.
/// </summary>
internal static class JsonSettingsFile
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <param name="invalid">Makes the error for a problem with the file, in the file's own words.</param>
    public static Result<T> Read<T>(string path, Func<JsonElement, Result<T>> read, Func<string, Error> invalid)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return Parse(File.ReadAllText(path), read, invalid);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return invalid($"cannot be read: {e.Message}");
        }
    }

    public static Result<T> Parse<T>(string json, Func<JsonElement, Result<T>> read, Func<string, Error> invalid)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            using var document = JsonDocument.Parse(json, Options);
            return read(document.RootElement);
        }
        catch (JsonException e)
        {
            return invalid($"not JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}");
        }
    }
}
