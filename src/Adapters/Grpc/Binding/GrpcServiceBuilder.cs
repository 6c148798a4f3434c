using Google.Protobuf;
using Google.Protobuf.Reflection;
using Rapport.Adapters.Grpc.Hosting;

namespace Rapport.Adapters.Grpc.Binding;

/// <summary>
/// Binds handlers to the methods of a generated service descriptor. Message parsers come from the descriptor,
/// and each binding is checked against it (method kind and message types), so a mismatch fails at start-up,
/// not on the first call. Methods left unbound answer UNIMPLEMENTED.
/// </summary>
public sealed class GrpcServiceBuilder
{
    private readonly ServiceDescriptor _service;
    private readonly Dictionary<string, Func<GrpcCall, Task>> _handlers = new(StringComparer.Ordinal);

    private GrpcServiceBuilder(ServiceDescriptor service) => _service = service;

    public static GrpcServiceBuilder ForService(ServiceDescriptor service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return new GrpcServiceBuilder(service);
    }

    /// <summary>Finds <paramref name="serviceName"/> (simple or fully qualified) in a generated file descriptor.</summary>
    public static GrpcServiceBuilder ForService(FileDescriptor file, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(file);
        var service = file.Services.FirstOrDefault(s => s.Name == serviceName || s.FullName == serviceName)
                      ?? throw new ArgumentException($"'{file.Name}' declares no service '{serviceName}'.", nameof(serviceName));
        return new GrpcServiceBuilder(service);
    }

    public GrpcServiceBuilder Unary<TRequest, TResponse>(string method, Func<TRequest, GrpcCallContext, Task<TResponse>> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        var parser = Resolve<TRequest, TResponse>(method, GrpcMethodKind.Unary);
        return Bind(method, async call =>
        {
            var request = (TRequest)await call.ReadSingleRequestAsync(parser).ConfigureAwait(false);
            var response = await handler(request, call.Context).ConfigureAwait(false);
            await call.WriteMessageAsync(response ?? throw new InvalidOperationException($"{method} returned no response."), flush: false, default).ConfigureAwait(false);
        });
    }

    public GrpcServiceBuilder ServerStreaming<TRequest, TResponse>(string method, Func<TRequest, IGrpcStreamWriter<TResponse>, GrpcCallContext, Task> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        var parser = Resolve<TRequest, TResponse>(method, GrpcMethodKind.ServerStreaming);
        return Bind(method, async call =>
        {
            var request = (TRequest)await call.ReadSingleRequestAsync(parser).ConfigureAwait(false);
            await handler(request, new GrpcStreamWriter<TResponse>(call), call.Context).ConfigureAwait(false);
        });
    }

    public GrpcServiceBuilder ClientStreaming<TRequest, TResponse>(string method, Func<IGrpcStreamReader<TRequest>, GrpcCallContext, Task<TResponse>> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        var parser = Resolve<TRequest, TResponse>(method, GrpcMethodKind.ClientStreaming);
        return Bind(method, async call =>
        {
            var response = await handler(new GrpcStreamReader<TRequest>(call, parser), call.Context).ConfigureAwait(false);
            await call.WriteMessageAsync(response ?? throw new InvalidOperationException($"{method} returned no response."), flush: false, default).ConfigureAwait(false);
        });
    }

    public GrpcServiceBuilder DuplexStreaming<TRequest, TResponse>(string method, Func<IGrpcStreamReader<TRequest>, IGrpcStreamWriter<TResponse>, GrpcCallContext, Task> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        var parser = Resolve<TRequest, TResponse>(method, GrpcMethodKind.DuplexStreaming);
        return Bind(method, call => handler(new GrpcStreamReader<TRequest>(call, parser), new GrpcStreamWriter<TResponse>(call), call.Context));
    }

    public GrpcServiceDefinition Build() =>
        new(_service, _service.Methods
            .Select(m => new GrpcMethod(m, _handlers.GetValueOrDefault(m.Name)))
            .ToArray());

    private MessageParser Resolve<TRequest, TResponse>(string method, GrpcMethodKind kind)
    {
        var descriptor = _service.FindMethodByName(method)
                         ?? throw new ArgumentException($"Service '{_service.FullName}' has no method '{method}'.", nameof(method));
        var actualKind = new GrpcMethod(descriptor, null).Kind;
        if (actualKind != kind)
        {
            throw new ArgumentException($"'{_service.FullName}/{method}' is {actualKind}, not {kind}.", nameof(method));
        }

        if (descriptor.InputType.ClrType != typeof(TRequest) || descriptor.OutputType.ClrType != typeof(TResponse))
        {
            throw new ArgumentException(
                $"'{_service.FullName}/{method}' takes {descriptor.InputType.FullName} and returns {descriptor.OutputType.FullName}; " +
                $"the handler uses {typeof(TRequest).Name} and {typeof(TResponse).Name}.", nameof(method));
        }

        if (_handlers.ContainsKey(method))
        {
            throw new ArgumentException($"'{_service.FullName}/{method}' is already bound.", nameof(method));
        }

        return descriptor.InputType.Parser;
    }

    private GrpcServiceBuilder Bind(string method, Func<GrpcCall, Task> invoke)
    {
        _handlers.Add(method, invoke);
        return this;
    }
}
