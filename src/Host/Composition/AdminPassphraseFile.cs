using Rapport.Application.Access;

namespace Rapport.Host.Composition;

/// <summary>
/// The admin passphrase's hash in the data dir (<see cref="DataDirectory.AdminPassphrasePath"/>): one line, written
/// whole (a temporary file moved over the old one) and readable by the node's user only.
/// </summary>
public sealed class AdminPassphraseFile(DataDirectory data) : IAdminCredential
{
    public async Task<string?> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(data.AdminPassphrasePath))
        {
            return null;
        }

        var text = (await File.ReadAllTextAsync(data.AdminPassphrasePath, cancellationToken).ConfigureAwait(false)).Trim();
        return text.Length == 0 ? null : text;
    }

    public async Task WriteAsync(string hash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hash);
        var temporary = data.AdminPassphrasePath + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var stream = new FileStream(temporary, options);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(hash + "\n"), cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, data.AdminPassphrasePath, overwrite: true);
    }
}
