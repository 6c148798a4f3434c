using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Rapport.Adapters.Grpc.Rapport;
using Rapport.Host.Cli;
using Rapport.Libp2p.Network;

namespace Rapport.Host.Tests.Logging;

/// <summary>docs/logging.md lists every event the node logs: each id once, with the level and message the code has.</summary>
public sealed partial class LogEventCatalogueTests
{
    private static readonly Assembly[] Logging = [typeof(RapportCli).Assembly, typeof(Libp2pHost).Assembly, typeof(Adapters.Libp2p.Libp2pErrors).Assembly, typeof(CallAuditInterceptor).Assembly, typeof(Adapters.Web.Hosting.WebConsole).Assembly];

    private static readonly IReadOnlyList<LoggerMessageAttribute> Events = [.. Logging
        .SelectMany(a => a.GetTypes())
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
        .OfType<LoggerMessageAttribute>()];

    [Fact]
    public void Every_event_has_its_own_id()
    {
        Assert.True(Events.Count >= 40, $"only {Events.Count} events found: the reader misses some");
        var twice = Events.GroupBy(e => e.EventId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, "event ids used twice: " + string.Join(", ", twice));
    }

    [Fact]
    public void Every_event_is_listed_as_the_code_logs_it_and_nothing_else_is()
    {
        var document = File.ReadAllText(Path.Combine(RepositoryLayout.Root(), "docs", "logging.md"));
        var listed = Row().Matches(document).ToDictionary(m => int.Parse(m.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture), m => (m.Groups["level"].Value, m.Groups["message"].Value));

        var wrong = Events
            .Where(e => !listed.TryGetValue(e.EventId, out var row) || row != (e.Level.ToString(), e.Message))
            .Select(e => $"{e.EventId} | {e.Level} | {e.Message}")
            .ToList();
        Assert.True(wrong.Count == 0, "not in docs/logging.md as the code has it:\n" + string.Join('\n', wrong));

        var stale = listed.Keys.Except(Events.Select(e => e.EventId)).ToList();
        Assert.True(stale.Count == 0, "listed in docs/logging.md but not in the code: " + string.Join(", ", stale));
    }

    [GeneratedRegex(@"^\| (?<id>\d+) \| (?<level>\w+) \| `(?<message>.*)` \|$", RegexOptions.Multiline)]
    private static partial Regex Row();
}
