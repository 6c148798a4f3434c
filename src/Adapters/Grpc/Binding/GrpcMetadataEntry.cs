namespace Rapport.Adapters.Grpc.Binding;

/// <summary>One metadata pair. Keys ending in "-bin" carry bytes (base64 on the wire); all others carry printable ASCII.</summary>
public sealed record GrpcMetadataEntry
{
    private readonly byte[]? _bytes;

    internal GrpcMetadataEntry(string key, string? value, byte[]? bytes)
    {
        Key = key;
        Value = value;
        _bytes = bytes;
    }

    public string Key { get; }

    /// <summary>The text value (null for binary entries).</summary>
    public string? Value { get; }

    public bool IsBinary => _bytes is not null;

    public ReadOnlyMemory<byte> Bytes => _bytes ?? ReadOnlyMemory<byte>.Empty;
}
