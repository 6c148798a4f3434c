using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Rapport.Host.Hosting;

/// <summary>
/// The node's log: its own events at Information and up, the frameworks' (ASP.NET Core, Kestrel, gRPC) from Warning,
/// all on stderr — stdout stays the command's output. Events carry ids (docs/logging.md) and peer ids, never personal data.
/// </summary>
public static class NodeLogging
{
    /// <summary>The console log of `rapport run`: one line per event, or JSON lines with scopes for log shippers.</summary>
    public static ILoggingBuilder AddNodeConsole(this ILoggingBuilder logging, LogFormat format)
    {
        ArgumentNullException.ThrowIfNull(logging);
        Defaults(logging);
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        if (format == LogFormat.Json)
        {
            logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "HH:mm:ss ";
                o.ColorBehavior = LoggerColorBehavior.Disabled;
            });
        }

        return logging;
    }

    /// <summary>The log as "[Category] message" lines handed to <paramref name="write"/> (the demo keeps its nodes' lines).</summary>
    public static ILoggingBuilder AddNodeLines(this ILoggingBuilder logging, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(logging);
        Defaults(logging);
        logging.AddProvider(new LineLoggerProvider(write));
        return logging;
    }

    private static void Defaults(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("Grpc", LogLevel.Warning);
    }
}
