using Rapport.Application.Common;
using Rapport.Application.Contacts;
using Rapport.Domain.Access;
using Rapport.Domain.Common;

namespace Rapport.Application.Access;

/// <summary>Sets (or replaces) the web console's admin passphrase: checked, hashed, stored, audited without it.</summary>
public sealed class SetAdminPassphrase(IPassphraseHasher hasher, IAdminCredential credential, IUnitOfWorkFactory unitOfWork, IClock clock)
{
    public async Task<Result<Unit>> ExecuteAsync(string? passphrase, string actor = CrmAudit.CliActor, CancellationToken cancellationToken = default)
    {
        var parsed = AdminPassphrase.Parse(passphrase);
        if (parsed.IsFailure)
        {
            return parsed.Error;
        }

        var replaced = await credential.ReadAsync(cancellationToken).ConfigureAwait(false) is not null;
        await credential.WriteAsync(hasher.Hash(parsed.Value.Value), cancellationToken).ConfigureAwait(false);
        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        await work.Audit.AppendAsync(
            CrmAudit.Event(clock.UtcNow, actor, "web.passphrase_set", "web-console", null, ("replaced", replaced ? "true" : "false")),
            cancellationToken).ConfigureAwait(false);
        await work.CommitAsync(cancellationToken).ConfigureAwait(false);
        return Result.Ok();
    }
}
