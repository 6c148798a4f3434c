using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Rapport.Adapters.Grpc.Tests.Protos;

namespace Rapport.Adapters.Grpc.Tests.TestService;

/// <summary>rapport.test.v1.TestService on Grpc.AspNetCore, served next to the partner API by the node's own server.</summary>
public sealed class TestServiceImpl(TestServiceState state) : Protos.TestService.TestServiceBase
{
    public const string ErrorDomain = "rapport.test";

    public override async Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context)
    {
        await context.WriteResponseHeadersAsync(new Metadata { { "x-echo-header", "header-value" } });
        context.ResponseTrailers.Add("x-echo-trailer", "trailer-value");
        return new EchoResponse
        {
            Text = request.Text,
            Payload = request.ResponseSize > 0 ? ByteString.CopyFrom(new byte[request.ResponseSize]) : request.Payload,
            RequestEncoding = context.GetHttpContext().Request.Headers["grpc-encoding"].ToString(),
            TestHeader = context.RequestHeaders.GetValue("x-test") ?? string.Empty,
            ServedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch),
        };
    }

    public override async Task Count(CountRequest request, IServerStreamWriter<CountResponse> responseStream, ServerCallContext context)
    {
        for (var i = 1; i <= request.Count; i++)
        {
            if (request.DelayMs > 0)
            {
                await Task.Delay(request.DelayMs, context.CancellationToken);
            }

            await responseStream.WriteAsync(new CountResponse { Value = i });
        }
    }

    public override async Task<SumResponse> Sum(IAsyncStreamReader<Number> requestStream, ServerCallContext context)
    {
        var response = new SumResponse();
        await foreach (var number in requestStream.ReadAllAsync(context.CancellationToken))
        {
            response.Sum += number.Value;
            response.Count++;
        }

        return response;
    }

    public override async Task BidiEcho(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)
    {
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            await responseStream.WriteAsync(new EchoResponse { Text = requestStream.Current.Text });
        }
    }

    public override async Task<SlowResponse> Slow(SlowRequest request, ServerCallContext context)
    {
        state.OnSlowStarted();
        try
        {
            await Task.Delay(request.DelayMs, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            state.OnSlowCancelled();
            throw;
        }

        return new SlowResponse { Completed = true };
    }

    public override Task<EchoResponse> Fail(FailRequest request, ServerCallContext context)
    {
        if (request.Reason == "crash")
        {
            throw new InvalidOperationException("a bug inside the handler");
        }

        if (request.Reason == "store")
        {
            throw new global::Rapport.Application.Common.StoreUnavailableException("the database /srv/node/rapport.db is corrupted");
        }

        var info = new ErrorInfo { Reason = request.Reason, Domain = ErrorDomain };
        info.Metadata.Add("field", "email");
        var status = new Google.Rpc.Status { Code = (int)Code.FailedPrecondition, Message = $"Refused: {request.Reason} (100% sure, naïve ✓)" };
        status.Details.Add(Any.Pack(info));
        status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(1500)) }));
        throw status.ToRpcException();
    }
}
