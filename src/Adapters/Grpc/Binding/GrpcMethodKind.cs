namespace Rapport.Adapters.Grpc.Binding;

public enum GrpcMethodKind
{
    Unary,
    ServerStreaming,
    ClientStreaming,
    DuplexStreaming,
}
