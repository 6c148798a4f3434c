using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;
using Rapport.Adapters.Grpc.Hosting;
using Rapport.Adapters.Web.Hosting;
using Rapport.Domain.Common;
using Rapport.Host.Composition;
using Rapport.Libp2p.Addressing;

namespace Rapport.Host.Hosting;

/// <summary>
/// Reads <see cref="RapportNodeOptions"/> from its sources — defaults &lt; `rapport.json` &lt; `RAPPORT__…` &lt; flags — and
/// checks every value before anything is opened or written; a problem names the setting and the source it came from.
/// </summary>
public static class NodeSettings
{
    public const string EnvironmentPrefix = "RAPPORT__";

    /// <summary>The settings a source may set (case-insensitive, as .NET configuration keys are).</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["listen", "grpc", "web", "tlsCertificate", "tlsPassword", "shutdownTimeout", "logFormat", "maxConnections", "maxMessageBytes", DataKey];

    /// <summary>
    /// The data directory: `--data`, or the environment (RAPPORT__DATA) when the flag is not given — never rapport.json,
    /// which lives inside it. The CLI reads it (<see cref="DataFromEnvironment"/>); the node's options do not hold it.
    /// </summary>
    public const string DataKey = "data";

    /// <summary>RAPPORT__DATA, if set: where a command finds its node when `--data` is not given.</summary>
    public static string? DataFromEnvironment() => Environment.GetEnvironmentVariable(EnvironmentPrefix + DataKey.ToUpperInvariant()) is { Length: > 0 } dir ? dir : null;

    private static readonly JsonDocumentOptions JsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <param name="flags">Settings given on the command line, as configuration keys ("grpc", "listen:0").</param>
    /// <param name="environment">The process environment (a test passes its own).</param>
    public static Result<(RapportNodeOptions Options, IConfigurationRoot Configuration)> Load(
        DataDirectory data, IReadOnlyDictionary<string, string?> flags, System.Collections.IDictionary? environment = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(flags);
        var file = CheckFile(data.SettingsPath);
        if (file.IsFailure)
        {
            return file.Error;
        }

        environment ??= Environment.GetEnvironmentVariables();
        foreach (var name in environment.Keys.OfType<string>().Where(n => n.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase)))
        {
            var key = name[EnvironmentPrefix.Length..].Split("__")[0];
            if (!IsKnown(key))
            {
                return Invalid($"environment variable {name}", $"'{key}' is not a setting; known: {string.Join(", ", Keys)}");
            }
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(data.SettingsPath, optional: true, reloadOnChange: false)
            .Add(new EnvironmentSource(environment))
            .AddInMemoryCollection(flags)
            .Build();
        return Bind(configuration).Map(options => (options, configuration));
    }

    /// <summary>The listen setting of a node that takes no part in peer-to-peer sharing.</summary>
    public const string NoListen = "none";

    /// <summary>The options the configuration holds, every value checked.</summary>
    public static Result<RapportNodeOptions> Bind(IConfigurationRoot configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new RapportNodeOptions();
        var listen = ListOf(configuration, "listen");
        if (listen.Any(a => string.Equals(a, NoListen, StringComparison.OrdinalIgnoreCase)))
        {
            // "none" listens nowhere: the node serves partners (and may dial out) but no peer can reach it.
            return listen.Count == 1 ? Rest(configuration, options) : Invalid(SourceOf(configuration, "listen"), $"listen: '{NoListen}' cannot be combined with addresses");
        }

        foreach (var address in listen.Count > 0 ? listen : RapportNodeOptions.DefaultListen)
        {
            if (Multiaddr.Parse(address) is { IsFailure: true } bad)
            {
                return Invalid(SourceOf(configuration, "listen"), $"listen: {bad.Error.Message}");
            }

            options.Listen.Add(address);
        }

        return Rest(configuration, options);
    }

    // Every setting but the listen addresses.
    private static Result<RapportNodeOptions> Rest(IConfigurationRoot configuration, RapportNodeOptions options)
    {
        if (configuration["grpc"] is { } grpc)
        {
            options.Grpc = grpc;
        }

        if (options.ServesPartnerApi && ListenEndpoint.Parse(options.Grpc, PartnerApiOptions.DefaultEndpoint).Problem is { } problem)
        {
            return Invalid(SourceOf(configuration, "grpc"), $"grpc: {problem}");
        }

        options.TlsCertificate = configuration["tlsCertificate"] is { Length: > 0 } certificate ? certificate : null;
        if (configuration["web"] is { } web)
        {
            options.Web = web.Trim();
            if (options.ServesWebConsole && ListenEndpoint.Parse(options.Web, WebConsoleOptions.DefaultEndpoint) switch
            {
                { Problem: { } parse } => parse,
                { Endpoint: { } endpoint } => WebConsoleOptions.CheckEndpoint(endpoint, options.TlsCertificate is not null),
                _ => null,
            } is { } webProblem)
            {
                return Invalid(SourceOf(configuration, "web"), $"web: {webProblem}");
            }
        }

        options.TlsPassword = configuration["tlsPassword"];
        if (configuration["shutdownTimeout"] is { } timeout)
        {
            if (!TimeSpan.TryParse(timeout, CultureInfo.InvariantCulture, out var parsed) || parsed <= TimeSpan.Zero || parsed > TimeSpan.FromMinutes(10))
            {
                return Invalid(SourceOf(configuration, "shutdownTimeout"), $"shutdownTimeout: '{timeout}' is not a duration between 00:00:00.001 and 00:10:00 (hh:mm:ss)");
            }

            options.ShutdownTimeout = parsed;
        }

        if (Limit(configuration, "maxConnections", 1, 65_536) is { } connections)
        {
            if (connections.IsFailure)
            {
                return connections.Error;
            }

            options.MaxConnections = connections.Value;
        }

        if (Limit(configuration, "maxMessageBytes", 1024, 64 * 1024 * 1024) is { } messageBytes)
        {
            if (messageBytes.IsFailure)
            {
                return messageBytes.Error;
            }

            options.MaxMessageBytes = messageBytes.Value;
        }

        if (configuration["logFormat"] is { } format)
        {
            LogFormat? parsedFormat = format.Trim().ToLowerInvariant() switch
            {
                "text" => LogFormat.Text,
                "json" => LogFormat.Json,
                _ => null,
            };
            if (parsedFormat is not { } known)
            {
                return Invalid(SourceOf(configuration, "logFormat"), $"logFormat: '{format}' is not a log format; use text or json");
            }

            options.LogFormat = known;
        }

        return options;
    }

    /// <summary>A whole-number limit between <paramref name="min"/> and <paramref name="max"/>, or null when no source sets it.</summary>
    private static Result<int>? Limit(IConfigurationRoot configuration, string key, int min, int max)
    {
        if (configuration[key] is not { } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : Invalid(SourceOf(configuration, key), $"{key}: '{text}' is not a whole number from {min.ToString("N0", CultureInfo.InvariantCulture)} to {max.ToString("N0", CultureInfo.InvariantCulture)}");
    }

    /// <summary>
    /// A list setting from the one source of highest precedence that sets it: a list given on the command line replaces
    /// the file's list instead of being merged with it index by index, as configuration would.
    /// </summary>
    private static List<string> ListOf(IConfigurationRoot configuration, string key)
    {
        foreach (var provider in configuration.Providers.Reverse())
        {
            var indexes = provider.GetChildKeys([], key).Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(i => int.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
                .Order()
                .ToList();
            if (indexes.Count > 0)
            {
                return [.. indexes.Select(i => provider.TryGet($"{key}:{i}", out var value) ? value : null).OfType<string>()];
            }
        }

        return [];
    }

    /// <summary>Where the value of <paramref name="key"/> that wins comes from, for a message about it.</summary>
    public static string SourceOf(IConfigurationRoot configuration, string key)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var provider in configuration.Providers.Reverse())
        {
            if (!provider.TryGet(key, out _) && !provider.GetChildKeys([], key).Any())
            {
                continue;
            }

            return provider switch
            {
                JsonConfigurationProvider json => json.Source.FileProvider?.GetFileInfo(json.Source.Path ?? string.Empty).PhysicalPath ?? json.Source.Path ?? "rapport.json",
                EnvironmentProvider => $"environment variable {EnvironmentPrefix}{key.ToUpperInvariant()}",
                MemoryConfigurationProvider => $"--{string.Concat(key.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString()))}",
                _ => provider.ToString() ?? "configuration",
            };
        }

        return "the default";
    }

    private static Result<bool> CheckFile(string path)
    {
        if (!File.Exists(path))
        {
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), JsonOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Invalid(path, "must hold one JSON object, e.g. { \"grpc\": \"127.0.0.1:50051\" }");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (string.Equals(property.Name, DataKey, StringComparison.OrdinalIgnoreCase))
                {
                    return Invalid(path, "'data' cannot be set in rapport.json, which is inside the data directory; use --data or RAPPORT__DATA");
                }

                if (!IsKnown(property.Name))
                {
                    return Invalid(path, $"'{property.Name}' is not a setting; known: {string.Join(", ", Keys)}");
                }
            }

            return true;
        }
        catch (JsonException e)
        {
            return Invalid(path, $"not JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Invalid(path, $"cannot be read: {e.Message}");
        }
    }

    private static bool IsKnown(string key) => Keys.Contains(key, StringComparer.OrdinalIgnoreCase);

    private static Error Invalid(string source, string message) => new(NodeSettingsErrors.SettingsInvalid, $"{message} (from {source})", "settings");

    /// <summary>RAPPORT__GRPC → "grpc", RAPPORT__LISTEN__0 → "listen:0", from a given environment.</summary>
    private sealed class EnvironmentSource(System.Collections.IDictionary environment) : IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) => new EnvironmentProvider(environment);
    }

    private sealed class EnvironmentProvider(System.Collections.IDictionary environment) : ConfigurationProvider
    {
        public override void Load()
        {
            foreach (System.Collections.DictionaryEntry entry in environment)
            {
                if (entry.Key is string name && name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
                {
                    Data[name[EnvironmentPrefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = entry.Value as string;
                }
            }
        }
    }
}
