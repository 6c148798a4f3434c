using Google.Protobuf;

namespace Rapport.Adapters.Grpc.Protocol;

/// <summary>Thrown by a handler or interceptor to end the call with a specific status (and optional rich details).</summary>
public sealed class RpcException : Exception
{
    public RpcException(GrpcStatus status)
        : base(status?.ToString())
    {
        Status = status ?? throw new ArgumentNullException(nameof(status));
    }

    public RpcException(StatusCode code, string message, params IMessage[] details)
        : this(GrpcStatus.Error(code, message, details))
    {
    }

    public RpcException()
        : this(StatusCode.Unknown, "unknown error")
    {
    }

    public RpcException(string message)
        : this(StatusCode.Unknown, message)
    {
    }

    public RpcException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = new GrpcStatus(StatusCode.Unknown, message);
    }

    public GrpcStatus Status { get; }

    public StatusCode StatusCode => Status.Code;
}
