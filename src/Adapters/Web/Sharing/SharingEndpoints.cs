using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rapport.Adapters.Web.Hosting;
using Rapport.Application.Contacts.Peer;
using Rapport.Application.Sharing.Accept;
using Rapport.Application.Sharing.Decline;
using Rapport.Application.Sharing.Grants;
using Rapport.Application.Sharing.Request;
using Rapport.Application.Sharing.Revoke;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;
using Rapport.Domain.Sharing;

namespace Rapport.Adapters.Web.Sharing;

/// <summary>
/// The consent flow's forms: the business asks a platform-native contact to share; the customer accepts all or part,
/// declines with a reason, or revokes a business's access; and downloads the signed grants and receipts.
/// </summary>
internal static class SharingEndpoints
{
    public const string ConsentCenter = "/consent-center";

    private static readonly Error NoFieldChosen = new(SharingErrors.InvalidGrant, "choose at least one field", "field");

    public static void MapSharing(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/contacts/{id}/share-request", RequestAsync).RequireAuthorization();
        endpoints.MapPost(ConsentCenter + "/requests/{id}/accept", AcceptAsync).RequireAuthorization();
        endpoints.MapPost(ConsentCenter + "/requests/{id}/decline", DeclineAsync).RequireAuthorization();
        endpoints.MapPost(ConsentCenter + "/businesses/{peer}/revoke", RevokeAsync).RequireAuthorization();
        endpoints.MapGet(ConsentCenter + "/receipts.json", ReceiptsAsync).RequireAuthorization();
    }

    private static async Task RequestAsync(HttpContext context, FindCustomerPeer findPeer, RequestSharing request, string id)
    {
        var back = $"/contacts/{Uri.EscapeDataString(id)}";
        if (await FormPost.ReadAsync(context).ConfigureAwait(false) is not { } form)
        {
            return;
        }

        if (!ContactId.TryParse(id, out var contact))
        {
            await FormPost.RefuseAsync(context, "Not sent", new Error(ContactErrors.NotFound, "there is no such contact", "contact"), "/contacts").ConfigureAwait(false);
            return;
        }

        var fields = new Dictionary<string, AccessLevel>(StringComparer.Ordinal);
        foreach (var key in ShareableFields.Keys)
        {
            switch (form[$"level:{key}"].ToString())
            {
                case "view":
                    fields[key] = AccessLevel.View;
                    break;
                case "edit":
                    fields[key] = AccessLevel.Edit;
                    break;
            }
        }

        if (fields.Count == 0)
        {
            await FormPost.RefuseAsync(context, "Not sent", NoFieldChosen, back).ConfigureAwait(false);
            return;
        }

        if (!int.TryParse(form["days"], NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days is < 1 or > 5 * 366)
        {
            await FormPost.RefuseAsync(context, "Not sent", new Error(SharingErrors.InvalidRequest, "the duration must be 1 to 1,830 days", "days"), back).ConfigureAwait(false);
            return;
        }

        var peer = await findPeer.ExecuteAsync(contact, "only a customer who runs a node can be asked to share", "contact", context.RequestAborted).ConfigureAwait(false);
        if (peer.IsFailure)
        {
            await FormPost.RefuseAsync(context, "Not sent", peer.Error, back).ConfigureAwait(false);
            return;
        }

        var sent = await request.ExecuteAsync(
            new RequestSharingCommand(peer.Value.Value, fields, [.. form["purpose"].OfType<string>()], TimeSpan.FromDays(days), form["reason"].ToString(), WebConsole.Actor),
            context.RequestAborted).ConfigureAwait(false);
        if (sent.IsFailure)
        {
            await FormPost.RefuseAsync(context, "Not sent", sent.Error, back).ConfigureAwait(false);
            return;
        }

        context.Response.Redirect($"{back}?sent={sent.Value.Id}#sharing-heading");
    }

    private static async Task AcceptAsync(HttpContext context, AcceptRequest accept, string id)
    {
        if (await FormPost.ReadAsync(context).ConfigureAwait(false) is not { } form)
        {
            return;
        }

        if (!Guid.TryParseExact(id, "N", out var requestId))
        {
            await FormPost.RefuseAsync(context, "Not accepted", new Error(SharingErrors.InvalidRequest, "there is no such request", "request"), ConsentCenter).ConfigureAwait(false);
            return;
        }

        var fields = new Dictionary<string, AccessLevel>(StringComparer.Ordinal);
        foreach (var key in form["field"].OfType<string>())
        {
            fields[key] = form[$"level:{key}"].ToString() == "edit" ? AccessLevel.Edit : AccessLevel.View;
        }

        if (fields.Count == 0)
        {
            await FormPost.RefuseAsync(context, "Not accepted", new Error(SharingErrors.InvalidGrant, "choose at least one field to share, or decline the request", "field"), ConsentCenter).ConfigureAwait(false);
            return;
        }

        var accepted = await accept.ExecuteAsync(
            new AcceptRequestCommand(new SharingRequestId(requestId), fields, [.. form["purpose"].OfType<string>()], WebConsole.Actor),
            context.RequestAborted).ConfigureAwait(false);
        if (accepted.IsFailure)
        {
            await FormPost.RefuseAsync(context, "Not accepted", accepted.Error, ConsentCenter).ConfigureAwait(false);
            return;
        }

        context.Response.Redirect($"{ConsentCenter}?done=accepted");
    }

    private static async Task DeclineAsync(HttpContext context, DeclineRequest decline, string id)
    {
        if (await FormPost.ReadAsync(context).ConfigureAwait(false) is not { } form)
        {
            return;
        }

        if (!Guid.TryParseExact(id, "N", out var requestId))
        {
            await FormPost.RefuseAsync(context, "Not declined", new Error(SharingErrors.InvalidRequest, "there is no such request", "request"), ConsentCenter).ConfigureAwait(false);
            return;
        }

        var reason = form["reason"].ToString();
        var declined = await decline.ExecuteAsync(
            new DeclineRequestCommand(new SharingRequestId(requestId), WebConsole.Actor, string.IsNullOrWhiteSpace(reason) ? null : reason),
            context.RequestAborted).ConfigureAwait(false);
        if (declined.IsFailure)
        {
            await FormPost.RefuseAsync(context, "Not declined", declined.Error, ConsentCenter).ConfigureAwait(false);
            return;
        }

        context.Response.Redirect($"{ConsentCenter}?done=declined");
    }

    private static async Task RevokeAsync(HttpContext context, RevokeGrant revoke, string peer)
    {
        if (await FormPost.ReadAsync(context).ConfigureAwait(false) is null)
        {
            return;
        }

        var revoked = await revoke.ExecuteAsync(new RevokeGrantCommand(peer, WebConsole.Actor), context.RequestAborted).ConfigureAwait(false);
        if (revoked.IsFailure)
        {
            await FormPost.RefuseAsync(context, "Not revoked", revoked.Error, ConsentCenter).ConfigureAwait(false);
            return;
        }

        context.Response.Redirect($"{ConsentCenter}?done=revoked");
    }

    // Each grant as signed (canonical bytes, signature, key) with its receipt: what `consent list --export` writes, in one file.
    private static async Task ReceiptsAsync(HttpContext context, ListSignedGrants grants)
    {
        var list = await grants.ExecuteAsync(context.RequestAborted).ConfigureAwait(false);
        var export = list.Select(g => new
        {
            business = g.Grant.Grant.BusinessPeerId.Value,
            customer = g.Grant.Grant.CustomerPeerId.Value,
            version = g.Grant.Grant.Version,
            fields = g.Grant.Grant.Fields.ToDictionary(f => f.Key, f => f.Value.ToKey()),
            purposes = g.Grant.Grant.Purposes,
            effectiveFrom = g.Grant.Grant.EffectiveFrom,
            expiresAt = g.Grant.Grant.ExpiresAt,
            revokedAt = g.Grant.Grant.RevokedAt,
            grant = Convert.ToBase64String(g.Grant.CanonicalBytes.AsSpan()),
            signature = Convert.ToBase64String(g.Grant.Signature.AsSpan()),
            signerPublicKey = Convert.ToBase64String(g.Grant.SignerPublicKey.AsSpan()),
            receipt = g.Receipt is { } r
                ? new { grantSha256 = Convert.ToHexStringLower(r.GrantSha256), version = r.Version, receivedAt = r.ReceivedAt, signature = Convert.ToBase64String(r.Signature), signerPublicKey = Convert.ToBase64String(r.SignerPublicKey) }
                : null,
        });
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"consent-receipts.json\"";
        await JsonSerializer.SerializeAsync(context.Response.Body, export, new JsonSerializerOptions { WriteIndented = true }, context.RequestAborted).ConfigureAwait(false);
    }
}
