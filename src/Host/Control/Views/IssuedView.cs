namespace Rapport.Host.Control.Views;

/// <summary>A grant or revocation the customer just signed, and whether the business has confirmed it yet.</summary>
public sealed record IssuedView(GrantView Grant, bool Delivered, string? DeliveryError);
