using Rapport.Libp2p.Security.Crypto;

namespace Rapport.Libp2p.Identity;

/// <summary>This node's long-term identity: its Ed25519 key pair and the peer id derived from it.</summary>
public sealed class NodeIdentity
{
    // Key files are a few dozen bytes; anything much larger is not a key file.
    private const int MaxKeyFileSize = 4096;
    private readonly Lazy<(X25519PrivateKey Key, byte[] Signature)> _noiseStatic;

    public NodeIdentity(Ed25519KeyPair keyPair)
    {
        KeyPair = keyPair ?? throw new ArgumentNullException(nameof(keyPair));
        PublicKey = PublicKey.Ed25519(keyPair.PublicKey);
        PeerId = PeerId.FromPublicKey(PublicKey);
        _noiseStatic = new Lazy<(X25519PrivateKey, byte[])>(CreateNoiseStatic);
    }

    public Ed25519KeyPair KeyPair { get; }
    public PublicKey PublicKey { get; }
    public PeerId PeerId { get; }

    /// <summary>
    /// The X25519 static key used by Noise, created once per identity together with its libp2p signature,
    /// so handshakes do not pay for key generation and signing each time. The key lives as long as the identity.
    /// </summary>
    internal (X25519PrivateKey Key, byte[] Signature) NoiseStatic => _noiseStatic.Value;

    public static NodeIdentity Generate() => new(Ed25519KeyPair.Generate());

    public byte[] Sign(ReadOnlySpan<byte> message) => KeyPair.Sign(message);

    /// <summary>
    /// Writes the protobuf PrivateKey to <paramref name="path"/>, readable only by the owner. The key goes to a
    /// temporary file first and is renamed into place, so a crash never leaves a half-written key behind.
    /// </summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = PrivateKey.Encode(KeyPair);
        var temporary = path + ".tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var file = new FileStream(temporary, options))
            {
                file.Write(bytes);
                file.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                // UnixCreateMode only applies to new files; a leftover temporary file keeps its old mode otherwise.
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            Array.Clear(bytes);
        }
    }

    public static Result<NodeIdentity> Load(string path)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return new Error(IdentityErrors.Missing, $"identity key file '{path}' does not exist");
            }

            if (info.Length > MaxKeyFileSize)
            {
                return new Error(IdentityErrors.Corrupt, $"identity key file '{path}' is {info.Length} bytes; a key file is under {MaxKeyFileSize}");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new Error(IdentityErrors.Unreadable, $"identity key file '{path}' cannot be read: {e.Message}");
        }

        try
        {
            var pair = PrivateKey.Decode(bytes);
            return pair.IsSuccess
                ? new NodeIdentity(pair.Value)
                : new Error(IdentityErrors.Corrupt, $"identity key file '{path}' is not a libp2p private key: {pair.Error.Message}");
        }
        finally
        {
            Array.Clear(bytes);
        }
    }

    private (X25519PrivateKey, byte[]) CreateNoiseStatic()
    {
        var key = X25519Implementations.Default.Generate();
        var signature = KeyPair.Sign([.. Security.NoisePayload.SignaturePrefix, .. key.PublicKey]);
        return (key, signature);
    }
}
