namespace Rapport.Application.Sharing;

/// <summary>Whether this node sent the request (business) or received it (customer).</summary>
public enum RequestDirection
{
    Outgoing,
    Incoming,
}
