using Google.Protobuf.Reflection;

namespace Rapport.Adapters.Grpc.Binding;

/// <summary>A service ready to host: every method of its descriptor, bound or answering UNIMPLEMENTED.</summary>
public sealed class GrpcServiceDefinition
{
    internal GrpcServiceDefinition(ServiceDescriptor service, IReadOnlyList<GrpcMethod> methods)
    {
        Service = service;
        Methods = methods;
    }

    public ServiceDescriptor Service { get; }

    public string Name => Service.FullName;

    public IReadOnlyList<GrpcMethod> Methods { get; }
}
