namespace Rapport.Domain.Consent;

/// <summary>Where a consent came from. Closed set: collected by the business itself, or signed by the customer.</summary>
public abstract record ConsentSource
{
    private protected ConsentSource()
    {
    }

    /// <summary>Stable text form used for storage, hashing and display.</summary>
    public abstract string Describe();

    /// <summary>The business collected it itself (web form, phone call, imported list), with a free-text reference.</summary>
    public sealed record Collected(CollectionChannel Channel, string? Reference) : ConsentSource
    {
        public override string Describe() => Reference is null ? $"collected:{Channel.ToKey()}" : $"collected:{Channel.ToKey()}:{Reference}";
    }

    /// <summary>The customer's own node signed the grant and sent it over libp2p; the receipt hash identifies that grant.</summary>
    public sealed record SignedByCustomer(string ReceiptHash) : ConsentSource
    {
        public override string Describe() => $"signed:{ReceiptHash}";
    }
}
