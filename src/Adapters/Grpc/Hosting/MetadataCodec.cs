using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Rapport.Adapters.Grpc.Binding;

namespace Rapport.Adapters.Grpc.Hosting;

/// <summary>Maps custom metadata to and from HTTP/2 header fields (base64 for "-bin" keys).</summary>
internal static class MetadataCodec
{
    private static readonly HashSet<string> ProtocolHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "content-type", "te", "host", "content-length", "grpc-timeout", "grpc-encoding", "grpc-accept-encoding",
        "grpc-message-type", "accept-encoding", "connection",
    };

    public static GrpcMetadata ReadRequestHeaders(IHeaderDictionary headers)
    {
        var metadata = new GrpcMetadata();
        foreach (var (key, values) in headers)
        {
            if (key.StartsWith(':') || ProtocolHeaders.Contains(key))
            {
                continue;
            }

            var name = key.ToLowerInvariant();
            var binary = name.EndsWith("-bin", StringComparison.Ordinal);
            foreach (var value in values)
            {
                if (value is null)
                {
                    continue;
                }

                if (!binary)
                {
                    metadata.AddUnchecked(new GrpcMetadataEntry(name, value, null));
                    continue;
                }

                // Duplicate binary headers may arrive joined with ','; each part is its own base64 value.
                foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (TryFromBase64(part, out var bytes))
                    {
                        metadata.AddUnchecked(new GrpcMetadataEntry(name, null, bytes));
                    }
                }
            }
        }

        return metadata;
    }

    public static void WriteTo(GrpcMetadata metadata, IHeaderDictionary headers)
    {
        foreach (var entry in metadata)
        {
            headers.Append(entry.Key, new StringValues(Encode(entry)));
        }
    }

    public static string Encode(GrpcMetadataEntry entry) => entry.IsBinary ? ToBase64(entry.Bytes.Span) : entry.Value!;

    /// <summary>Unpadded base64, as the spec asks senders to emit.</summary>
    public static string ToBase64(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    /// <summary>Accepts padded and unpadded base64.</summary>
    public static bool TryFromBase64(string value, out byte[] bytes)
    {
        var padded = (value.Length % 4) switch
        {
            2 => value + "==",
            3 => value + "=",
            _ => value,
        };
        bytes = new byte[padded.Length * 3 / 4];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
