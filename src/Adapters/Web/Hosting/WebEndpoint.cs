using System.Globalization;
using System.Net;

namespace Rapport.Adapters.Web.Hosting;

/// <summary>A parsed "host:port" for the console: an IP address (IPv6 in brackets) or localhost.</summary>
internal sealed record WebEndpoint(IPAddress Address, int Port)
{
    public bool IsLoopback => IPAddress.IsLoopback(Address);

    public static (WebEndpoint? Endpoint, string? Problem) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, "empty; expected host:port, e.g. 127.0.0.1:8080");
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return (null, $"'{text}' is not host:port, e.g. 127.0.0.1:8080");
        }

        var host = text[..colon];
        if (host.StartsWith('[') != host.EndsWith(']') || (host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[')))
        {
            return (null, $"'{text}': write an IPv6 address in brackets, e.g. [::1]:8080");
        }

        host = host.Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return (new WebEndpoint(IPAddress.Loopback, port), null);
        }

        return IPAddress.TryParse(host, out var address)
            ? (new WebEndpoint(address, port), null)
            : (null, $"'{host}' is not an IP address or localhost");
    }
}
