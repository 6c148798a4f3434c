using System.Net;
using Microsoft.Extensions.Logging;

namespace Rapport.Adapters.Web.Hosting;

/// <summary>What the console logs (docs/logging.md, 7000–7999); never a passphrase or personal data.</summary>
internal static partial class WebConsoleLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "a CSV import from the web console failed: {Problem}")]
    public static partial void ImportFailed(ILogger logger, string problem);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "web console: signed in from {Client}")]
    public static partial void SignedIn(ILogger logger, IPAddress client);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "web console: wrong passphrase from {Client} ({Failures} in a row)")]
    public static partial void WrongPassphrase(ILogger logger, IPAddress client, int failures);
}
