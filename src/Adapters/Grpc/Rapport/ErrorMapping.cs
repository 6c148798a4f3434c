using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Rapport.Domain.Common;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>
/// Turns a use case's expected failure into the gRPC status of its <see cref="ErrorKind"/> (docs/errors.md), carried as
/// a google.rpc.Status in grpc-status-details-bin with a google.rpc.ErrorInfo whose reason is the error's code.
/// </summary>
public static class ErrorMapping
{
    public const string Domain = "rapport.v1";

    public static T Unwrap<T>(Result<T> result, params (string Key, string Value)[] metadata) =>
        result.TryGetValue(out var value) ? value : throw ToRpc(result.Error, [], metadata);

    /// <summary>The call's end for <paramref name="error"/>; <paramref name="details"/> go before its ErrorInfo.</summary>
    public static RpcException ToRpc(Error error, IMessage[] details, params (string Key, string Value)[] metadata)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(details);
        var info = new Google.Rpc.ErrorInfo { Reason = error.Code.Value, Domain = Domain };
        if (error.Field is not null)
        {
            info.Metadata["field"] = error.Field;
        }

        foreach (var (key, value) in metadata)
        {
            info.Metadata[key] = value;
        }

        var status = new Google.Rpc.Status { Code = (int)StatusOf(error.Kind), Message = error.Message };
        status.Details.AddRange(details.Select(Any.Pack));
        status.Details.Add(Any.Pack(info));
        return status.ToRpcException();
    }

    /// <summary>The ErrorInfo reason a failed call carries, if any.</summary>
    public static string? ReasonOf(RpcException failure) =>
        failure?.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason;

    public static StatusCode StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => StatusCode.InvalidArgument,
        ErrorKind.NotFound => StatusCode.NotFound,
        ErrorKind.ConsentDenied => StatusCode.PermissionDenied,
        ErrorKind.Conflict => StatusCode.FailedPrecondition,
        ErrorKind.AlreadyExists => StatusCode.AlreadyExists,
        ErrorKind.Unauthenticated => StatusCode.Unauthenticated,
        ErrorKind.PermissionDenied => StatusCode.PermissionDenied,
        ErrorKind.RateLimited => StatusCode.ResourceExhausted,
        ErrorKind.Unavailable => StatusCode.Unavailable,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "an error kind without a gRPC status"),
    };
}
