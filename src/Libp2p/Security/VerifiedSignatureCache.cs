using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Rapport.Libp2p.Identity;

namespace Rapport.Libp2p.Security;

/// <summary>
/// Remembers identity signatures over Noise static keys that already verified, so a peer that reconnects with the
/// same static key (libp2p nodes keep one per process) costs no second Ed25519 verification. Only successes are
/// stored, keyed by the SHA-256 of key ‖ message ‖ signature, so a hit requires the exact bytes that verified
/// before; a replayed signature proves nothing on its own anyway, as the Noise DH binds the static key. The
/// cache is bounded: when full it starts over.
/// </summary>
internal sealed class VerifiedSignatureCache(int capacity)
{
    public const int DefaultCapacity = 4096;

    private readonly ConcurrentDictionary<Digest, byte> _verified = new();

    public static VerifiedSignatureCache Shared { get; } = new(DefaultCapacity);

    /// <summary>Entries allowed; 0 disables the cache (benchmarks use this to measure the uncached cost).</summary>
    public int Capacity { get; set; } = capacity;

    /// <summary>Entries currently held.</summary>
    public int Count => _verified.Count;

    public bool Verify(PublicKey key, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (Capacity <= 0)
        {
            return key.Verify(message, signature);
        }

        var digest = Digest.Of(key, message, signature);
        if (_verified.ContainsKey(digest))
        {
            return true;
        }

        if (!key.Verify(message, signature))
        {
            return false;
        }

        if (_verified.Count >= Capacity)
        {
            _verified.Clear();
        }

        _verified.TryAdd(digest, 0);
        return true;
    }

    private readonly record struct Digest(ulong A, ulong B, ulong C, ulong D)
    {
        public static Digest Of(PublicKey key, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            Span<byte> lengths = stackalloc byte[12];
            BinaryPrimitives.WriteInt32BigEndian(lengths, (int)key.Type);
            BinaryPrimitives.WriteInt32BigEndian(lengths[4..], message.Length);
            BinaryPrimitives.WriteInt32BigEndian(lengths[8..], signature.Length);
            hash.AppendData(lengths);
            hash.AppendData(key.Data);
            hash.AppendData(message);
            hash.AppendData(signature);
            Span<byte> d = stackalloc byte[32];
            hash.GetHashAndReset(d);
            return new Digest(
                BinaryPrimitives.ReadUInt64LittleEndian(d),
                BinaryPrimitives.ReadUInt64LittleEndian(d[8..]),
                BinaryPrimitives.ReadUInt64LittleEndian(d[16..]),
                BinaryPrimitives.ReadUInt64LittleEndian(d[24..]));
        }
    }
}
