using System.Collections.Concurrent;
using Rapport.Adapters.Grpc.Binding;
using Rapport.Adapters.Grpc.Hosting;
using Rapport.Adapters.Grpc.Protocol;
using Rapport.Adapters.Grpc.Tests.Protos;
using Rapport.Adapters.Grpc.Tests.Support;
using Rapport.Adapters.Grpc.Tests.TestService;

namespace Rapport.Adapters.Grpc.Tests.Server;

public sealed class InterceptorPipelineTests
{
    [Fact]
    public async Task Interceptors_run_in_registration_order_around_the_handler()
    {
        var trace = new ConcurrentQueue<string>();
        await using var server = await GrpcServer.StartAsync(new GrpcServerOptions(), [TestServiceBinding.Create(new TestServiceState())],
            [new Tracing("outer", trace), new Tracing("inner", trace)]);
        using var client = new RawGrpcClient(server.Address);

        var response = await client.UnaryAsync("/rapport.test.v1.TestService/Echo", new EchoRequest());

        Assert.Equal(StatusCode.OK, response.Status);
        Assert.Equal(["outer>/rapport.test.v1.TestService/Echo", "inner>/rapport.test.v1.TestService/Echo", "inner<OK", "outer<OK"], trace);
    }

    [Fact]
    public async Task Interceptor_throwing_RpcException_ends_the_call_with_its_status()
    {
        await using var server = await GrpcServer.StartAsync(new GrpcServerOptions(), [TestServiceBinding.Create(new TestServiceState())],
            [new Throwing()]);
        using var client = new RawGrpcClient(server.Address);

        var response = await client.UnaryAsync("/rapport.test.v1.TestService/Echo", new EchoRequest());

        Assert.Equal(StatusCode.ResourceExhausted, response.Status);
        Assert.Equal("slow down", response.StatusMessage);
        Assert.Equal("rate", response.StatusDetails!.Details[0].Unpack<Google.Rpc.ErrorInfo>().Reason);
    }

    private sealed class Tracing(string name, ConcurrentQueue<string> trace) : IGrpcInterceptor
    {
        public async ValueTask<GrpcStatus> InterceptAsync(GrpcCallContext context, GrpcContinuation next)
        {
            trace.Enqueue($"{name}>{context.MethodFullName}");
            var status = await next(context);
            trace.Enqueue($"{name}<{status.Code}");
            return status;
        }
    }

    private sealed class Throwing : IGrpcInterceptor
    {
        public ValueTask<GrpcStatus> InterceptAsync(GrpcCallContext context, GrpcContinuation next) =>
            throw new RpcException(StatusCode.ResourceExhausted, "slow down", new Google.Rpc.ErrorInfo { Reason = "rate" });
    }
}
