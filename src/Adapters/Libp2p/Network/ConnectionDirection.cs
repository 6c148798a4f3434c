namespace Rapport.Adapters.Libp2p.Network;

public enum ConnectionDirection
{
    Inbound,
    Outbound,
}
