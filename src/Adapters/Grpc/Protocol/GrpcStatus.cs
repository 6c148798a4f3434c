using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Rapport.Adapters.Grpc.Protocol;

/// <summary>
/// The outcome of a call as sent in the trailers: code, human message and optional rich details
/// (packed into a <c>google.rpc.Status</c> in <c>grpc-status-details-bin</c>).
/// </summary>
public sealed record GrpcStatus
{
    public static readonly GrpcStatus Ok = new(StatusCode.OK, string.Empty);

    public GrpcStatus(StatusCode code, string message, IReadOnlyList<Any>? details = null)
    {
        Code = code;
        Message = message ?? string.Empty;
        Details = details ?? [];
    }

    public StatusCode Code { get; }
    public string Message { get; }
    public IReadOnlyList<Any> Details { get; }

    public bool IsOk => Code == StatusCode.OK;

    public static GrpcStatus Error(StatusCode code, string message, params IMessage[] details) =>
        new(code, message, details.Select(Any.Pack).ToArray());

    /// <summary>The <c>google.rpc.Status</c> carried in <c>grpc-status-details-bin</c>, or null when there is nothing beyond code and message.</summary>
    public Google.Rpc.Status? ToRpcStatus()
    {
        if (Details.Count == 0)
        {
            return null;
        }

        var status = new Google.Rpc.Status { Code = (int)Code, Message = Message };
        status.Details.AddRange(Details);
        return status;
    }

    public override string ToString() => $"{Code}: {Message}";
}
