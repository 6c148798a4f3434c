using Rapport.Domain.Common;
using Rapport.Domain.Peers;

namespace Rapport.Domain.Sharing;

/// <summary>The business and the customer a request or a grant is between: two distinct peer ids in canonical base58btc.</summary>
internal static class SharingParties
{
    /// <param name="code">The error of the message being read (an invalid request, an invalid grant).</param>
    public static Result<(PeerId Business, PeerId Customer)> Parse(string businessPeerId, string customerPeerId, ErrorCode code)
    {
        var business = PeerId.Parse(businessPeerId, nameof(businessPeerId));
        if (business.IsFailure || business.Value.Value != businessPeerId)
        {
            return new Error(code, business.IsFailure ? $"business peer id: {business.Error.Message}" : "business peer id is not in canonical base58btc", nameof(businessPeerId));
        }

        var customer = PeerId.Parse(customerPeerId, nameof(customerPeerId));
        if (customer.IsFailure || customer.Value.Value != customerPeerId || customer.Value == business.Value)
        {
            return new Error(code, customer.IsFailure ? $"customer peer id: {customer.Error.Message}" : "customer peer id is not in canonical base58btc, or is the business's", nameof(customerPeerId));
        }

        return (business.Value, customer.Value);
    }
}
