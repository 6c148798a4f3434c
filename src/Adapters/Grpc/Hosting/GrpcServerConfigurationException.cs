namespace Rapport.Adapters.Grpc.Hosting;

/// <summary>The server cannot start as configured (bad endpoint, insecure plaintext exposure, port in use).</summary>
public sealed class GrpcServerConfigurationException : Exception
{
    public GrpcServerConfigurationException()
    {
    }

    public GrpcServerConfigurationException(string message)
        : base(message)
    {
    }

    public GrpcServerConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
