using Rapport.Libp2p.Identity;

namespace Rapport.Libp2p.Tests.Identity;

public sealed class NodeIdentityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rapport-identity-").FullName;

    [Fact]
    public void Saved_identity_loads_back_with_the_same_peer_id_and_owner_only_mode()
    {
        var identity = NodeIdentity.Generate();
        var path = Path.Combine(_dir, "node.key");
        identity.Save(path);

        var loaded = NodeIdentity.Load(path);
        Assert.True(loaded.IsSuccess, loaded.IsFailure ? loaded.Error.ToString() : null);
        Assert.Equal(identity.PeerId, loaded.Value.PeerId);
        Assert.Equal(68, new FileInfo(path).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void Saving_over_a_world_readable_file_tightens_its_mode()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = Path.Combine(_dir, "existing.key");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);
        NodeIdentity.Generate().Save(path);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Missing_file_is_a_clear_error()
    {
        var result = NodeIdentity.Load(Path.Combine(_dir, "absent.key"));
        Assert.Equal(IdentityErrors.Missing, result.Error.Code);
        Assert.Contains("does not exist", result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a key")]
    [InlineData("0801124000")]
    public void Corrupt_file_is_a_clear_error(string content)
    {
        var path = Path.Combine(_dir, "corrupt.key");
        File.WriteAllBytes(path, content.All(Uri.IsHexDigit) && content.Length % 2 == 0 ? Convert.FromHexString(content) : System.Text.Encoding.UTF8.GetBytes(content));
        var result = NodeIdentity.Load(path);
        Assert.Equal(IdentityErrors.Corrupt, result.Error.Code);
    }

    [Fact]
    public void A_private_key_whose_public_half_does_not_match_is_rejected()
    {
        var bytes = PrivateKey.Encode(Ed25519KeyPair.Generate());
        bytes[^1] ^= 1;
        var path = Path.Combine(_dir, "mismatch.key");
        File.WriteAllBytes(path, bytes);
        var result = NodeIdentity.Load(path);
        Assert.Equal(IdentityErrors.Corrupt, result.Error.Code);
        Assert.Contains("does not match", result.Error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
