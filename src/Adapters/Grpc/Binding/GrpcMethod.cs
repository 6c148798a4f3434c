using Google.Protobuf.Reflection;
using Rapport.Adapters.Grpc.Hosting;

namespace Rapport.Adapters.Grpc.Binding;

/// <summary>A method of a bound service: its descriptor, kind and (when implemented) its handler.</summary>
public sealed class GrpcMethod
{
    internal GrpcMethod(MethodDescriptor descriptor, Func<GrpcCall, Task>? invoke)
    {
        Descriptor = descriptor;
        FullName = $"/{descriptor.Service.FullName}/{descriptor.Name}";
        Kind = (descriptor.IsClientStreaming, descriptor.IsServerStreaming) switch
        {
            (false, false) => GrpcMethodKind.Unary,
            (false, true) => GrpcMethodKind.ServerStreaming,
            (true, false) => GrpcMethodKind.ClientStreaming,
            _ => GrpcMethodKind.DuplexStreaming,
        };
        Invoke = invoke;
    }

    public MethodDescriptor Descriptor { get; }

    /// <summary>"/package.Service/Method", the HTTP/2 :path.</summary>
    public string FullName { get; }

    public GrpcMethodKind Kind { get; }

    public bool IsImplemented => Invoke is not null;

    internal Func<GrpcCall, Task>? Invoke { get; }
}
