namespace Rapport.Libp2p.Network;

public enum ConnectionDirection
{
    Inbound,
    Outbound,
}
