using Grpc.Core;
using Rapport.Adapters.Grpc.Rapport;
using Rapport.Domain.Common;

namespace Rapport.Adapters.Grpc.Tests.Rapport;

/// <summary>Every error kind has its gRPC status; the code travels as ErrorInfo.reason, the field as metadata.</summary>
public sealed class ErrorMappingTests
{
    [Theory]
    [InlineData(ErrorKind.Invalid, StatusCode.InvalidArgument)]
    [InlineData(ErrorKind.NotFound, StatusCode.NotFound)]
    [InlineData(ErrorKind.ConsentDenied, StatusCode.PermissionDenied)]
    [InlineData(ErrorKind.Conflict, StatusCode.FailedPrecondition)]
    [InlineData(ErrorKind.AlreadyExists, StatusCode.AlreadyExists)]
    [InlineData(ErrorKind.Unauthenticated, StatusCode.Unauthenticated)]
    [InlineData(ErrorKind.PermissionDenied, StatusCode.PermissionDenied)]
    [InlineData(ErrorKind.RateLimited, StatusCode.ResourceExhausted)]
    [InlineData(ErrorKind.Unavailable, StatusCode.Unavailable)]
    public void Each_kind_has_its_status(ErrorKind kind, StatusCode status)
    {
        var rpc = ErrorMapping.ToRpc(new Error(new ErrorCode("SOME_CODE", kind), "why", "field"), [], ("contact", "contacts/1"));

        Assert.Equal(status, rpc.StatusCode);
        Assert.Equal("why", rpc.Status.Detail);
        var details = rpc.GetRpcStatus()!;
        Assert.Equal((int)status, details.Code);
        var info = Assert.Single(details.Details).Unpack<Google.Rpc.ErrorInfo>();
        Assert.Equal("SOME_CODE", info.Reason);
        Assert.Equal(ErrorMapping.Domain, info.Domain);
        Assert.Equal("field", info.Metadata["field"]);
        Assert.Equal("contacts/1", info.Metadata["contact"]);
    }

    [Fact]
    public void No_kind_falls_through_to_a_default()
    {
        Assert.Equal(Enum.GetValues<ErrorKind>().Length, Enum.GetValues<ErrorKind>().Select(ErrorMapping.StatusOf).Count());
        Assert.DoesNotContain(Enum.GetValues<ErrorKind>().Select(ErrorMapping.StatusOf), s => s is StatusCode.OK or StatusCode.Unknown or StatusCode.Internal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ErrorMapping.StatusOf((ErrorKind)(-1)));
    }
}
