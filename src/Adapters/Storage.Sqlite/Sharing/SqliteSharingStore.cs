using System.Text.Json;
using Microsoft.Data.Sqlite;
using Rapport.Application.Common;
using Rapport.Application.Sharing;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Sharing;

namespace Rapport.Adapters.Storage.Sqlite.Sharing;

internal sealed class SqliteSharingStore(SqliteUnitOfWork unitOfWork) : ISharingStore
{
    private const string RequestColumns = "request_id, direction, status, business, customer, fields, purposes, duration_ms, reason, created_at_ms";
    private const string ReadRequestColumns = RequestColumns + ", decline_reason";
    private const string GrantColumns = "canonical_grant, signature, signer_key";

    public async Task<StoredSharingRequest?> FindRequestAsync(SharingRequestId id, CancellationToken cancellationToken = default)
    {
        await using var command = unitOfWork.Command($"SELECT {ReadRequestColumns} FROM sharing_request WHERE request_id = $id");
        command.Parameters.AddWithValue("$id", id.ToString());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadRequest(reader) : null;
    }

    public async Task AddRequestAsync(SharingRequest request, RequestDirection direction, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var command = unitOfWork.Command(
            $"""
            INSERT INTO sharing_request ({RequestColumns}, stored_at)
            VALUES ($id, $direction, 'pending', $business, $customer, $fields, $purposes, $duration, $reason, $created, $stored)
            """);
        command.Parameters.AddWithValue("$id", request.Id.ToString());
        command.Parameters.AddWithValue("$direction", direction == RequestDirection.Outgoing ? "outgoing" : "incoming");
        command.Parameters.AddWithValue("$business", request.BusinessPeerId.Value);
        command.Parameters.AddWithValue("$customer", request.CustomerPeerId.Value);
        command.Parameters.AddWithValue("$fields", JsonSerializer.Serialize(request.Fields.ToDictionary(f => f.Key, f => (int)f.Value)));
        command.Parameters.AddWithValue("$purposes", JsonSerializer.Serialize(request.Purposes.ToArray()));
        command.Parameters.AddWithValue("$duration", (long)request.RequestedDuration.TotalMilliseconds);
        command.Parameters.AddWithValue("$reason", request.Reason);
        command.Parameters.AddWithValue("$created", request.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$stored", at.UtcTicks);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SharingRequest>> PendingIncomingAsync(CancellationToken cancellationToken = default)
    {
        await using var command = unitOfWork.Command(
            $"SELECT {ReadRequestColumns} FROM sharing_request WHERE direction = 'incoming' AND status = 'pending' ORDER BY created_at_ms, request_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var pending = new List<SharingRequest>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            pending.Add(ReadRequest(reader).Request);
        }

        return pending;
    }

    public async Task<bool> AwaitsAnswerFromAsync(string customerPeerId, CancellationToken cancellationToken = default)
    {
        await using var command = unitOfWork.Command(
            "SELECT EXISTS (SELECT 1 FROM sharing_request WHERE customer = $customer AND direction = 'outgoing' AND status = 'pending')");
        command.Parameters.AddWithValue("$customer", customerPeerId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    public async Task SetRequestStatusAsync(SharingRequestId id, SharingRequestStatus status, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var command = unitOfWork.Command("UPDATE sharing_request SET status = $status, decided_at = $at WHERE request_id = $id");
        command.Parameters.AddWithValue("$id", id.ToString());
        command.Parameters.AddWithValue("$status", StatusText(status));
        command.Parameters.AddWithValue("$at", at.UtcTicks);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task DeclineRequestAsync(SharingDecline decline, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decline);
        await using var command = unitOfWork.Command("UPDATE sharing_request SET status = 'declined', decided_at = $at, decline_reason = $reason WHERE request_id = $id");
        command.Parameters.AddWithValue("$id", decline.RequestId.ToString());
        command.Parameters.AddWithValue("$at", at.UtcTicks);
        command.Parameters.AddWithValue("$reason", (object?)decline.Reason ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<Result<Unit>> AddGrantAsync(SignedConsentGrant grant, DateTimeOffset storedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var (business, customer, version) = (grant.Grant.BusinessPeerId.Value, grant.Grant.CustomerPeerId.Value, grant.Grant.Version);

        // The version check and the insert are one statement, so a concurrent writer cannot slip a version in between.
        await using var command = unitOfWork.Command(
            $"""
            INSERT INTO sharing_grant (business, customer, version, {GrantColumns}, stored_at)
            SELECT $business, $customer, $version, $canonical, $signature, $key, $stored
            WHERE $version > COALESCE((SELECT MAX(version) FROM sharing_grant WHERE business = $business AND customer = $customer), 0)
            """);
        command.Parameters.AddWithValue("$business", business);
        command.Parameters.AddWithValue("$customer", customer);
        command.Parameters.AddWithValue("$version", version);
        command.Parameters.AddWithValue("$canonical", grant.CanonicalBytes.ToArray());
        command.Parameters.AddWithValue("$signature", grant.Signature.ToArray());
        command.Parameters.AddWithValue("$key", grant.SignerPublicKey.ToArray());
        command.Parameters.AddWithValue("$stored", storedAt.UtcTicks);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0
            ? new Error(SharingErrors.Replay, $"grant version {version} is not above the stored versions of the pair", "version")
            : Result.Ok();
    }

    public async Task<SignedConsentGrant?> LatestGrantAsync(string businessPeerId, string customerPeerId, CancellationToken cancellationToken = default)
    {
        var found = await ReadGrantsAsync(businessPeerId, customerPeerId, "ORDER BY version DESC LIMIT 1", cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<SignedConsentGrant>> GrantHistoryAsync(string businessPeerId, string customerPeerId, CancellationToken cancellationToken = default) =>
        ReadGrantsAsync(businessPeerId, customerPeerId, "ORDER BY version", cancellationToken);

    public async Task AddReceiptAsync(string businessPeerId, string customerPeerId, GrantReceipt receipt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        await using var command = unitOfWork.Command(
            """
            INSERT OR IGNORE INTO sharing_receipt (business, customer, version, grant_sha256, received_at_ms, signature, signer_key)
            VALUES ($business, $customer, $version, $hash, $received, $signature, $key)
            """);
        command.Parameters.AddWithValue("$business", businessPeerId);
        command.Parameters.AddWithValue("$customer", customerPeerId);
        command.Parameters.AddWithValue("$version", receipt.Version);
        command.Parameters.AddWithValue("$hash", receipt.GrantSha256);
        command.Parameters.AddWithValue("$received", receipt.ReceivedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$signature", receipt.Signature);
        command.Parameters.AddWithValue("$key", receipt.SignerPublicKey);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<GrantReceipt?> FindReceiptAsync(string businessPeerId, string customerPeerId, long version, CancellationToken cancellationToken = default)
    {
        await using var command = unitOfWork.Command(
            """
            SELECT grant_sha256, received_at_ms, signature, signer_key FROM sharing_receipt
            WHERE business = $business AND customer = $customer AND version = $version
            """);
        command.Parameters.AddWithValue("$business", businessPeerId);
        command.Parameters.AddWithValue("$customer", customerPeerId);
        command.Parameters.AddWithValue("$version", version);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new GrantReceipt(
            (byte[])reader.GetValue(0), version, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), (byte[])reader.GetValue(2), (byte[])reader.GetValue(3));
    }

    public async Task<IReadOnlyList<StoredSharingRequest>> ListRequestsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = unitOfWork.Command($"SELECT {ReadRequestColumns} FROM sharing_request ORDER BY created_at_ms DESC, request_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var requests = new List<StoredSharingRequest>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            requests.Add(ReadRequest(reader));
        }

        return requests;
    }

    public Task<IReadOnlyList<SignedConsentGrant>> LatestGrantsAsync(CancellationToken cancellationToken = default) =>
        QueryGrantsAsync(
            $"""
            SELECT {GrantColumns} FROM sharing_grant g
            WHERE version = (SELECT MAX(version) FROM sharing_grant x WHERE x.business = g.business AND x.customer = g.customer)
            ORDER BY business, customer
            """,
            null,
            cancellationToken);

    public Task<IReadOnlyList<SignedConsentGrant>> UndeliveredGrantsAsync(string customerPeerId, CancellationToken cancellationToken = default) =>
        QueryGrantsAsync(
            $"""
            SELECT {GrantColumns} FROM sharing_grant g
            WHERE customer = $customer
              AND version = (SELECT MAX(version) FROM sharing_grant x WHERE x.business = g.business AND x.customer = g.customer)
              AND NOT EXISTS (SELECT 1 FROM sharing_receipt r WHERE r.business = g.business AND r.customer = g.customer AND r.version = g.version)
            ORDER BY business
            """,
            customerPeerId,
            cancellationToken);

    private async Task<IReadOnlyList<SignedConsentGrant>> QueryGrantsAsync(string sql, string? customer, CancellationToken cancellationToken)
    {
        await using var command = unitOfWork.Command(sql);
        if (customer is not null)
        {
            command.Parameters.AddWithValue("$customer", customer);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var grants = new List<SignedConsentGrant>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            grants.Add(Valid(SignedConsentGrant.FromParts((byte[])reader.GetValue(0), (byte[])reader.GetValue(1), (byte[])reader.GetValue(2))));
        }

        return grants;
    }

    private async Task<IReadOnlyList<SignedConsentGrant>> ReadGrantsAsync(string business, string customer, string order, CancellationToken cancellationToken)
    {
        await using var command = unitOfWork.Command($"SELECT {GrantColumns} FROM sharing_grant WHERE business = $business AND customer = $customer {order}");
        command.Parameters.AddWithValue("$business", business);
        command.Parameters.AddWithValue("$customer", customer);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var grants = new List<SignedConsentGrant>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            grants.Add(Valid(SignedConsentGrant.FromParts((byte[])reader.GetValue(0), (byte[])reader.GetValue(1), (byte[])reader.GetValue(2))));
        }

        return grants;
    }

    private static StoredSharingRequest ReadRequest(SqliteDataReader reader)
    {
        var fields = JsonSerializer.Deserialize<Dictionary<string, int>>(reader.GetString(5))
            ?? throw new StoreUnavailableException("a stored sharing request has no fields");
        var purposes = JsonSerializer.Deserialize<string[]>(reader.GetString(6))
            ?? throw new StoreUnavailableException("a stored sharing request has no purposes");
        var request = Valid(SharingRequest.Create(
            new SharingRequestId(Guid.ParseExact(reader.GetString(0), "N")),
            reader.GetString(3),
            reader.GetString(4),
            fields.ToDictionary(f => f.Key, f => (AccessLevel)f.Value),
            purposes,
            TimeSpan.FromMilliseconds(reader.GetInt64(7)),
            reader.GetString(8),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9))));
        var direction = reader.GetString(1) == "outgoing" ? RequestDirection.Outgoing : RequestDirection.Incoming;
        var status = reader.GetString(2) switch
        {
            "granted" => SharingRequestStatus.Granted,
            "declined" => SharingRequestStatus.Declined,
            _ => SharingRequestStatus.Pending,
        };
        return new StoredSharingRequest(request, direction, status, reader.IsDBNull(10) ? null : reader.GetString(10));
    }

    private static string StatusText(SharingRequestStatus status) => status switch
    {
        SharingRequestStatus.Granted => "granted",
        SharingRequestStatus.Declined => "declined",
        _ => "pending",
    };

    // What this store wrote always reads back; anything else means the file was altered behind its back.
    private static T Valid<T>(Result<T> result) =>
        result.IsSuccess ? result.Value : throw new StoreUnavailableException($"the sharing tables hold an invalid entry: {result.Error}");
}
