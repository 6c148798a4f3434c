using System.Globalization;
using System.Net;

namespace Rapport.Adapters.Grpc.Hosting;

/// <summary>A parsed "host:port" listen endpoint.</summary>
internal sealed record GrpcEndpoint(IPAddress Address, int Port)
{
    public bool IsLoopback => IPAddress.IsLoopback(Address);

    public static GrpcEndpoint Parse(string endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            throw new GrpcServerConfigurationException("The gRPC endpoint is empty; expected host:port.");
        }

        var colon = endpoint.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(endpoint.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new GrpcServerConfigurationException($"Invalid gRPC endpoint '{endpoint}'; expected host:port, e.g. 127.0.0.1:50051.");
        }

        var host = endpoint[..colon].Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return new GrpcEndpoint(IPAddress.Loopback, port);
        }

        return IPAddress.TryParse(host, out var address)
            ? new GrpcEndpoint(address, port)
            : throw new GrpcServerConfigurationException($"Invalid gRPC endpoint host '{host}'; use an IP address or localhost.");
    }
}
