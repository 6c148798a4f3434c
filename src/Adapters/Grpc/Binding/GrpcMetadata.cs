using System.Collections;

namespace Rapport.Adapters.Grpc.Binding;

/// <summary>An ordered list of metadata entries (request headers, response headers or trailers).</summary>
public sealed class GrpcMetadata : IReadOnlyList<GrpcMetadataEntry>
{
    private readonly List<GrpcMetadataEntry> _entries = [];

    public int Count => _entries.Count;

    public GrpcMetadataEntry this[int index] => _entries[index];

    public GrpcMetadata Add(string key, string value)
    {
        ValidateKey(key, binary: false);
        ArgumentNullException.ThrowIfNull(value);
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                throw new ArgumentException($"Metadata value for '{key}' must be printable ASCII; use a '-bin' key for binary data.", nameof(value));
            }
        }

        _entries.Add(new GrpcMetadataEntry(key, value, null));
        return this;
    }

    public GrpcMetadata Add(string key, ReadOnlySpan<byte> value)
    {
        ValidateKey(key, binary: true);
        _entries.Add(new GrpcMetadataEntry(key, null, value.ToArray()));
        return this;
    }

    /// <summary>The last text value for the key, or null.</summary>
    public string? GetValue(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.OrdinalIgnoreCase) && !_entries[i].IsBinary)
            {
                return _entries[i].Value;
            }
        }

        return null;
    }

    /// <summary>The last binary value for the key, or null.</summary>
    public ReadOnlyMemory<byte>? GetBytes(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.OrdinalIgnoreCase) && _entries[i].IsBinary)
            {
                return _entries[i].Bytes;
            }
        }

        return null;
    }

    public IEnumerator<GrpcMetadataEntry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void AddUnchecked(GrpcMetadataEntry entry) => _entries.Add(entry);

    private static void ValidateKey(string key, bool binary)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        foreach (var c in key)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'z') or '_' or '-' or '.'))
            {
                throw new ArgumentException($"Metadata key '{key}' may only contain 0-9 a-z _ - .", nameof(key));
            }
        }

        if (key.StartsWith("grpc-", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Metadata key '{key}' is reserved for the gRPC protocol.", nameof(key));
        }

        if (binary != key.EndsWith("-bin", StringComparison.Ordinal))
        {
            throw new ArgumentException(binary
                ? $"Binary metadata key '{key}' must end in '-bin'."
                : $"Text metadata key '{key}' must not end in '-bin'.", nameof(key));
        }
    }
}
