using System.Text.Json;
using Rapport.Application.Sharing;
using Rapport.Domain.Common;
using Rapport.Domain.Sharing;

namespace Rapport.Host.Cli.Consent;

/// <summary>
/// A signed grant with the business's receipt (if any), as a self-contained JSON file anyone can verify offline
/// (protocol/sharing.md §4.5): the signed bytes, signatures and keys, base64-encoded, byte for byte as stored.
/// </summary>
public static class ConsentProofFile
{
    public const string Format = "rapport.consent-proof.v1";
    private const int MaxFileBytes = 1024 * 1024;
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public sealed record GrantPart(string Canonical, string Signature, string SignerPublicKey);

    public sealed record ReceiptPart(string GrantSha256, long Version, long ReceivedAtMs, string Signature, string SignerPublicKey);

    public sealed record Document(string Format, GrantPart Grant, ReceiptPart? Receipt);

    /// <summary>What a proof file holds once decoded; the signatures are not checked yet.</summary>
    public sealed record Proof(byte[] Canonical, byte[] Signature, byte[] SignerPublicKey, GrantReceipt? Receipt);

    public static string FileName(SignedConsentGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return $"consent-{grant.Grant.BusinessPeerId.Value}-{grant.Grant.CustomerPeerId.Value}-v{grant.Grant.Version}.json";
    }

    public static string Write(SignedConsentGrant grant, GrantReceipt? receipt)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var document = new Document(
            Format,
            new GrantPart(
                Convert.ToBase64String(grant.CanonicalBytes.AsSpan()),
                Convert.ToBase64String(grant.Signature.AsSpan()),
                Convert.ToBase64String(grant.SignerPublicKey.AsSpan())),
            receipt is null
                ? null
                : new ReceiptPart(
                    Convert.ToBase64String(receipt.GrantSha256),
                    receipt.Version,
                    receipt.ReceivedAt.ToUnixTimeMilliseconds(),
                    Convert.ToBase64String(receipt.Signature),
                    Convert.ToBase64String(receipt.SignerPublicKey)));
        return JsonSerializer.Serialize(document, Options);
    }

    public static async Task<Result<Proof>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return new Error(CliErrors.ProofNotFound, $"no file {path}", "FILE");
        }

        if (info.Length > MaxFileBytes)
        {
            return new Error(CliErrors.ProofInvalid, $"{path} is larger than a consent proof can be ({MaxFileBytes} bytes)", "FILE");
        }

        return Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
    }

    public static Result<Proof> Parse(string json)
    {
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(json, Options);
        }
        catch (JsonException e)
        {
            return Invalid($"not a consent proof file: {e.Message}");
        }

        if (document?.Format != Format || document.Grant is null)
        {
            return Invalid($"not a consent proof file (expected \"format\": \"{Format}\" and a \"grant\")");
        }

        try
        {
            var g = document.Grant;
            GrantReceipt? receipt = null;
            if (document.Receipt is { } r)
            {
                if (r.ReceivedAtMs is < 0 or > 253402300799999)
                {
                    return Invalid("the receipt's receivedAtMs is out of range");
                }

                var hash = Convert.FromBase64String(r.GrantSha256 ?? "");
                if (hash.Length != 32)
                {
                    return Invalid("the receipt's grantSha256 is not 32 bytes");
                }

                receipt = new GrantReceipt(
                    hash, r.Version, DateTimeOffset.FromUnixTimeMilliseconds(r.ReceivedAtMs),
                    Convert.FromBase64String(r.Signature ?? ""), Convert.FromBase64String(r.SignerPublicKey ?? ""));
            }

            return new Proof(
                Convert.FromBase64String(g.Canonical ?? ""), Convert.FromBase64String(g.Signature ?? ""), Convert.FromBase64String(g.SignerPublicKey ?? ""), receipt);
        }
        catch (FormatException)
        {
            return Invalid("a value that should be base64 is not");
        }
    }

    private static Error Invalid(string message) => new(CliErrors.ProofInvalid, message, "FILE");
}
