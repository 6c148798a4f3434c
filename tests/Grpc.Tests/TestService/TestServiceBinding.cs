using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Rapport.Adapters.Grpc.Binding;
using Rapport.Adapters.Grpc.Protocol;
using Rapport.Adapters.Grpc.Tests.Protos;

namespace Rapport.Adapters.Grpc.Tests.TestService;

/// <summary>Binds rapport.test.v1.TestService through the generic builder, exactly as a business service is bound.</summary>
public static class TestServiceBinding
{
    public const string ErrorDomain = "rapport.test";

    public static GrpcServiceDefinition Create(TestServiceState state) =>
        GrpcServiceBuilder.ForService(TestReflection.Descriptor, "TestService")
            .Unary<EchoRequest, EchoResponse>("Echo", (request, context) =>
            {
                context.ResponseHeaders.Add("x-echo-header", "header-value");
                context.ResponseTrailers.Add("x-echo-trailer", "trailer-value");
                return Task.FromResult(new EchoResponse
                {
                    Text = request.Text,
                    Payload = request.ResponseSize > 0 ? ByteString.CopyFrom(new byte[request.ResponseSize]) : request.Payload,
                    RequestEncoding = context.RequestEncoding ?? string.Empty,
                    TestHeader = context.RequestHeaders.GetValue("x-test") ?? context.Principal?.FindFirst("sub")?.Value ?? string.Empty,
                    ServedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch),
                });
            })
            .ServerStreaming<CountRequest, CountResponse>("Count", async (request, responses, context) =>
            {
                for (var i = 1; i <= request.Count; i++)
                {
                    if (request.DelayMs > 0)
                    {
                        await Task.Delay(request.DelayMs, context.CancellationToken);
                    }

                    await responses.WriteAsync(new CountResponse { Value = i });
                }
            })
            .ClientStreaming<Number, SumResponse>("Sum", async (requests, context) =>
            {
                var response = new SumResponse();
                await foreach (var number in requests.ReadAllAsync(context.CancellationToken))
                {
                    response.Sum += number.Value;
                    response.Count++;
                }

                return response;
            })
            .DuplexStreaming<EchoRequest, EchoResponse>("BidiEcho", async (requests, responses, context) =>
            {
                while (await requests.MoveNextAsync(context.CancellationToken))
                {
                    await responses.WriteAsync(new EchoResponse { Text = requests.Current.Text });
                }
            })
            .Unary<SlowRequest, SlowResponse>("Slow", async (request, context) =>
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
            })
            .Unary<FailRequest, EchoResponse>("Fail", (request, _) =>
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
                throw new RpcException(global::Rapport.Adapters.Grpc.Protocol.StatusCode.FailedPrecondition, $"Refused: {request.Reason} (100% sure, naïve ✓)",
                    info, new RetryInfo { RetryDelay = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(1500)) });
            })
            .Build();
}
