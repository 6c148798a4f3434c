using Rapport.Adapters.Libp2p;
using Rapport.Domain.Common;
using Rapport.Libp2p.Network;

namespace Rapport.Host.Hosting;

/// <summary>A part of the node could not start for an expected reason (a taken port, an invalid endpoint): its error.</summary>
public sealed class NodeStartException : Exception
{
    public NodeStartException(Error error)
        : base(error?.Message)
    {
        Error = error ?? throw new ArgumentNullException(nameof(error));
    }

    public NodeStartException()
        : this(new Error(NetworkErrors.ListenFailed.ToRapport(), "the node could not start"))
    {
    }

    public NodeStartException(string message)
        : this(new Error(NetworkErrors.ListenFailed.ToRapport(), message))
    {
    }

    public NodeStartException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = new Error(NetworkErrors.ListenFailed.ToRapport(), message);
    }

    public Error Error { get; }
}
