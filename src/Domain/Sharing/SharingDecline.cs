using Rapport.Domain.Common;

namespace Rapport.Domain.Sharing;

/// <summary>
/// The customer's refusal of a sharing request, with an optional reason for the business. Nothing is shared; the
/// business may ask again later.
/// </summary>
public sealed record SharingDecline
{
    public const int MaxReasonLength = SharingRequest.MaxReasonLength;

    private SharingDecline(SharingRequestId requestId, DateTimeOffset declinedAt, string? reason)
    {
        RequestId = requestId;
        DeclinedAt = declinedAt;
        Reason = reason;
    }

    public SharingRequestId RequestId { get; }

    public DateTimeOffset DeclinedAt { get; }

    /// <summary>Why, in the customer's words; null when they gave none.</summary>
    public string? Reason { get; }

    /// <summary>
    /// An empty or blank reason counts as none; surrounding white space is dropped and control characters (which
    /// could drive the reader's terminal) become spaces; longer than <see cref="MaxReasonLength"/> is refused.
    /// </summary>
    public static Result<SharingDecline> Create(SharingRequestId requestId, DateTimeOffset declinedAt, string? reason = null)
    {
        var text = reason is null ? null : new string([.. reason.Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
        if (text is not null && text.Length > MaxReasonLength)
        {
            return new Error(SharingErrors.InvalidRequest, $"a decline reason has at most {MaxReasonLength} characters", "reason");
        }

        return new SharingDecline(requestId, declinedAt, string.IsNullOrEmpty(text) ? null : text);
    }
}
