using Rapport.Adapters.Grpc.Protocol;
using Rapport.Application.Contacts;
using Rapport.Domain.Common;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>Turns a use case's expected failure into the matching gRPC status with a google.rpc.ErrorInfo.</summary>
internal static class ErrorMapping
{
    public const string Domain = "rapport.v1";

    public static T Unwrap<T>(Result<T> result, params (string Key, string Value)[] metadata)
    {

        return result.TryGetValue(out var value) ? value : throw ToRpc(result.Error, metadata);
    }

    public static RpcException ToRpc(Error error, params (string Key, string Value)[] metadata)
    {
        ArgumentNullException.ThrowIfNull(error);
        var code = error switch
        {
            _ when error.Kind == ErrorKind.ConsentDenied => StatusCode.PermissionDenied,
            _ when error.Kind == ErrorKind.Unavailable => StatusCode.Unavailable,
            _ when error.Code.Contains("not_found", StringComparison.OrdinalIgnoreCase) => StatusCode.NotFound,
            _ when error.Code.Contains("duplicate", StringComparison.OrdinalIgnoreCase) || error.Code.EndsWith("_EXISTS", StringComparison.Ordinal) => StatusCode.AlreadyExists,
            _ when error.Code.Contains("conflict", StringComparison.OrdinalIgnoreCase) || error.Code.Contains("closed", StringComparison.OrdinalIgnoreCase) => StatusCode.FailedPrecondition,
            _ => StatusCode.InvalidArgument,
        };
        var info = new Google.Rpc.ErrorInfo { Reason = error.Code, Domain = Domain };
        if (error.Field is not null)
        {
            info.Metadata["field"] = error.Field;
        }

        foreach (var (key, value) in metadata)
        {
            info.Metadata[key] = value;
        }

        return new RpcException(code, error.Message, info);
    }
}
