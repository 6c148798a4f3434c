using Rapport.Domain.Access;
using Rapport.Domain.Common;

namespace Rapport.Application.Access;

/// <summary>Whether a passphrase opens the web console: the stored hash decides, in constant time.</summary>
public sealed class CheckAdminPassphrase(IPassphraseHasher hasher, IAdminCredential credential)
{
    public async Task<Result<Unit>> ExecuteAsync(string? passphrase, CancellationToken cancellationToken = default)
    {
        var stored = await credential.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return new Error(AccessErrors.PassphraseNotSet, "no admin passphrase is set; run `rapport web passwd` on the node");
        }

        return passphrase is not null && hasher.Verify(passphrase, stored)
            ? Result.Ok()
            : new Error(AccessErrors.PassphraseWrong, "the passphrase is wrong");
    }
}
