using Rapport.Adapters.Libp2p.Network;
using Rapport.Domain.Common;

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
        : this(new Error(NetworkErrors.ListenFailed, "the node could not start"))
    {
    }

    public NodeStartException(string message)
        : this(new Error(NetworkErrors.ListenFailed, message))
    {
    }

    public NodeStartException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = new Error(NetworkErrors.ListenFailed, message);
    }

    public Error Error { get; }
}
