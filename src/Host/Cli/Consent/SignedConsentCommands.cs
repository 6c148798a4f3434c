using System.CommandLine;
using Rapport.Adapters.Libp2p.Sharing;
using Rapport.Application.Sharing.Grants;
using Rapport.Application.Sharing.Verify;
using Rapport.Domain.Common;
using Rapport.Domain.Sharing;
using Rapport.Host.Cli.Control;
using Rapport.Host.Cli.Sharing;
using Rapport.Host.Composition;
using Rapport.Host.Control;
using Rapport.Host.Control.Views;
using Rapport.Libp2p.Identity;
using Spectre.Console;

namespace Rapport.Host.Cli.Consent;

/// <summary>
/// The signed-grant side of `rapport consent`: `list` (grants this node issued as a customer or holds as a business,
/// with receipts; `--export DIR` writes proof files), `verify FILE` (offline) and the customer's revocation.
/// </summary>
public static class SignedConsentCommands
{
    public static Command List()
    {
        var export = new Option<DirectoryInfo?>("--export") { Description = "Also write each grant with its receipt to a proof file in this directory." };
        var command = new Command("list", "List signed grants (newest version per business and customer) this node issued or holds, with receipts.") { export };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var identity = NodeIdentityFile.Load(ctx.Data);
            if (identity.IsFailure)
            {
                return ctx.Fail(identity.Error);
            }

            var local = identity.Value.PeerId.ToString();
            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var now = node.Clock.UtcNow;
            var rows = new List<(SignedConsentGrant Signed, GrantView View, string? File)>();
            foreach (var (signed, receipt) in await node.Get<ListSignedGrants>().ExecuteAsync(ct).ConfigureAwait(false))
            {
                string? file = null;
                if (ctx.Parse.GetValue(export) is { } directory)
                {
                    directory.Create();
                    file = Path.Combine(directory.FullName, ConsentProofFile.FileName(signed));
                    await File.WriteAllTextAsync(file, ConsentProofFile.Write(signed, receipt), ct).ConfigureAwait(false);
                }

                rows.Add((signed, GrantView.Of(signed, local, receipt, now), file));
            }

            if (ctx.Json)
            {
                ctx.WriteJson(rows.Select(r => new { grant = r.View, exported = r.File }).ToList());
                return ExitCodes.Ok;
            }

            var console = CliInput.Out();
            if (rows.Count == 0)
            {
                console.WriteLine("no signed grants");
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("role", "peer", "version", "status", "fields", "purposes", "until", "receipt");
            foreach (var (_, v, _) in rows)
            {
                table.AddRow(
                    v.Role, Markup.Escape(v.Role == "customer" ? v.Business : v.Customer), v.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), v.Status,
                    Markup.Escape(RequestsCommands.FieldsText(v.Fields)), Markup.Escape(RequestsCommands.PurposesText(v.Purposes)), SharingInput.Format(v.ExpiresAt),
                    v.Receipt is null ? "none (not delivered yet)" : SharingInput.Format(v.Receipt.ReceivedAt));
            }

            console.Write(table);
            foreach (var file in rows.Select(r => r.File).OfType<string>())
            {
                console.WriteLine($"exported {file}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Verify()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A proof file written by `rapport consent list --export DIR`." };
        var command = new Command("verify", "Verify a signed grant and its receipt offline (no node needed).") { file };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var proof = await ConsentProofFile.ReadAsync(ctx.Value(file).FullName, ct).ConfigureAwait(false);
            if (proof.IsFailure)
            {
                return ctx.Fail(proof.Error);
            }

            // Verification needs only public keys; the signer's own key is never used here.
            var verifier = new Ed25519GrantSigner(NodeIdentity.Generate());
            var p = proof.Value;
            var verified = new VerifyReceipt(verifier).Execute(p.Canonical, p.Signature, p.SignerPublicKey, p.Receipt);
            if (verified.IsFailure)
            {
                // A proof that does not verify is the answer to `consent verify` (exit 1), not a mistake in calling it.
                ctx.Report(verified.Error);
                return ExitCodes.Failure;
            }

            var grant = verified.Value;
            if (ctx.Json)
            {
                ctx.WriteJson(new
                {
                    valid = true,
                    business = grant.BusinessPeerId.Value,
                    customer = grant.CustomerPeerId.Value,
                    version = grant.Version,
                    revoked = grant.RevokedAt is not null,
                    receipt = p.Receipt is null ? null : new { receivedAt = p.Receipt.ReceivedAt },
                });
                return ExitCodes.Ok;
            }

            System.Console.Out.WriteLine($"valid: grant version {grant.Version} signed by customer {grant.CustomerPeerId} for business {grant.BusinessPeerId}");
            System.Console.Out.WriteLine(
                $"fields {RequestsCommands.FieldsText(grant.Fields.ToDictionary(f => f.Key, f => SharingInput.Level(f.Value)))}; " +
                $"purposes {RequestsCommands.PurposesText(grant.Purposes)}; {SharingInput.Format(grant.EffectiveFrom)} to {SharingInput.Format(grant.ExpiresAt)}" +
                (grant.RevokedAt is { } revoked ? $"; revoked at {SharingInput.Format(revoked)}" : ""));
            System.Console.Out.WriteLine(p.Receipt is null
                ? "no receipt in the file: delivery to the business is not proven"
                : $"receipt valid: signed by business {grant.BusinessPeerId}, received at {SharingInput.Format(p.Receipt.ReceivedAt)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The customer revokes its signed grant to a business: the node signs the revocation and pushes it.</summary>
    public static Task<int> RevokeAsync(CliContext ctx, string business, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (string.IsNullOrWhiteSpace(business))
        {
            return Task.FromResult(ctx.Fail(new Error(PeerErrors.InvalidPeerId, "--business needs the business's peer id", "--business")));
        }

        return NodeCall.RunAsync(ctx, "consent.revoke", new { business = business.Trim() }, response => RequestsCommands.RenderIssued(ctx, response, "revoked"), cancellationToken);
    }
}
