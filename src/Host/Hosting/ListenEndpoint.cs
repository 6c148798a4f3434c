using System.Globalization;
using System.Net;
using Rapport.Domain.Common;

namespace Rapport.Host.Hosting;

/// <summary>
/// A listen address as the settings write it (<c>grpc</c>, <c>web</c>): host:port with an IP address (IPv6 in brackets)
/// or localhost; port 0 picks a free one. Read here once; the adapters are handed the <see cref="IPEndPoint"/>.
/// </summary>
internal static class ListenEndpoint
{
    /// <param name="example">A good value of the setting, shown with a problem.</param>
    public static (IPEndPoint? Endpoint, string? Problem) Parse(string? text, string example)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, $"empty; expected host:port, e.g. {example}");
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > IPEndPoint.MaxPort)
        {
            return (null, $"'{text}' is not host:port, e.g. {example}");
        }

        var host = text[..colon];
        if (host.StartsWith('[') != host.EndsWith(']') || (host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[')))
        {
            return (null, $"'{text}': write an IPv6 address in brackets, e.g. [::1]:{port}");
        }

        host = host.Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return (new IPEndPoint(IPAddress.Loopback, port), null);
        }

        return IPAddress.TryParse(host, out var address)
            ? (new IPEndPoint(address, port), null)
            : (null, $"'{host}' is not an IP address or localhost");
    }

    /// <summary>As <see cref="Parse"/> for a node about to start: a bad value is its setting's error.</summary>
    /// <exception cref="NodeStartException">The value is not a listen address.</exception>
    public static IPEndPoint Required(string text, string setting, string example) =>
        Parse(text, example) switch
        {
            { Endpoint: { } endpoint } => endpoint,
            var (_, problem) => throw new NodeStartException(new Error(NodeSettingsErrors.SettingsInvalid, $"{setting}: {problem}", setting)),
        };
}
