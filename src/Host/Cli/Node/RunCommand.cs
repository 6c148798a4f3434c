using System.CommandLine;
using System.Runtime.InteropServices;
using Rapport.Adapters.Grpc.Hosting;
using Rapport.Adapters.Web.Hosting;
using Rapport.Host.Grpc;
using Rapport.Host.Hosting;

namespace Rapport.Host.Cli.Node;

/// <summary>
/// `rapport run`: the node on its one host (<see cref="RapportNode"/>), in the foreground until Ctrl-C or SIGTERM.
/// Settings: defaults &lt; `rapport.json` in the data directory &lt; `RAPPORT__…` environment variables &lt; these flags.
/// </summary>
public static class RunCommand
{
    public static readonly Option<string[]> Listen = new("--listen")
    {
        Description = "A multiaddr to listen on (repeatable; default /ip4/0.0.0.0/tcp/4001), or `none` to take no part in peer-to-peer sharing.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static readonly Option<string?> Grpc = new("--grpc")
    {
        Description = $"host:port for the gRPC partner API (plaintext only on loopback; default {PartnerApiOptions.DefaultEndpoint}), or `none`.",
    };

    public static readonly Option<string?> Web = new("--web")
    {
        Description = $"Serve the web console at host:port (`--web` alone: {WebConsoleOptions.DefaultEndpoint}); any address but loopback needs --tls-cert.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static readonly Option<FileInfo?> TlsCertificate = new("--tls-cert")
    {
        Description = "PKCS#12 (.pfx) certificate: with it the gRPC partner API is served over TLS (h2) and the web console over HTTPS.",
    };

    public static readonly Option<string?> TlsPassword = new("--tls-password")
    {
        Description = "Password of the --tls-cert file (or set RAPPORT__TLSPASSWORD).",
    };

    public static readonly Option<string?> ShutdownTimeout = new("--shutdown-timeout")
    {
        Description = "How long a stop waits for in-flight calls and sync rounds (hh:mm:ss; default 00:00:10).",
    };

    public static readonly Option<string?> MaxConnections = new("--max-connections")
    {
        Description = "How many libp2p connections the node holds at most (default 2048).",
    };

    public static readonly Option<string?> MaxMessageBytes = new("--max-message-bytes")
    {
        Description = "The largest gRPC message the partner API accepts or sends, in bytes (default 4194304).",
    };

    public static readonly Option<string?> LogFormat = new("--log-format")
    {
        Description = "How the node logs to stderr: `text` (one line per event, the default) or `json` (one JSON object per line, with scopes).",
    };

    public static Command Create()
    {
        var command = new Command("run", "Run this node: serve libp2p peers, the gRPC partner API and (with --web) the web console until Ctrl-C or SIGTERM.");
        command.Options.Add(Listen);
        command.Options.Add(Grpc);
        command.Options.Add(Web);
        command.Options.Add(TlsCertificate);
        command.Options.Add(TlsPassword);
        command.Options.Add(ShutdownTimeout);
        command.Options.Add(MaxConnections);
        command.Options.Add(MaxMessageBytes);
        command.Options.Add(LogFormat);
        CliAction.Set(command, (ctx, ct) => RunAsync(ctx, Flags(ctx), ct));
        return command;
    }

    /// <summary>Runs the node of `--data` with <paramref name="flags"/> over its other settings until a stop signal.</summary>
    internal static async Task<int> RunAsync(CliContext ctx, IReadOnlyDictionary<string, string?> flags, CancellationToken ct)
    {
        // From the first moment, so a SIGTERM during start-up still stops the node cleanly (socket removed).
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.TrySetResult();
        });
        using var registration = ct.Register(() => stop.TrySetResult());
        var settings = NodeSettings.Load(ctx.Data, flags);
        if (settings.IsFailure)
        {
            return ctx.Fail(settings.Error);
        }

        var options = settings.Value.Options;
        var certificate = PartnerApiCertificate.Load(options.TlsCertificate is { } path ? new FileInfo(path) : null, options.TlsPassword);
        if (certificate.IsFailure)
        {
            return ctx.Fail(certificate.Error);
        }

        var started = await RunningNode.StartAsync(ctx.Data, options, certificate.Value, logging => logging.AddNodeConsole(options.LogFormat), ct).ConfigureAwait(false);
        if (started.IsFailure)
        {
            return ctx.Fail(started.Error);
        }

        await using var running = started.Value;
        using var stopping = running.Stopping.Register(() => stop.TrySetResult());
        Console.Out.WriteLine($"rapport node {running.PeerId} running; Ctrl-C to stop");
        foreach (var address in running.Addresses)
        {
            Console.Out.WriteLine($"listening on {address}");
        }

        if (running.PartnerApi is { } api)
        {
            Console.Out.WriteLine(RapportNode.ListeningLine(api));
        }

        if (running.WebConsole is { } console)
        {
            Console.Out.WriteLine($"web console {console}");
        }

        if (running.ControlProblem is null)
        {
            Console.Out.WriteLine($"control socket {ctx.Data.SocketPath}");
        }

        await Console.Out.FlushAsync(ct).ConfigureAwait(false);
        await stop.Task.ConfigureAwait(false);
        Console.Out.WriteLine("stopping…");
        return ExitCodes.Ok;
    }

    /// <summary>The settings given on this command line, as configuration keys.</summary>
    internal static Dictionary<string, string?> Flags(CliContext ctx)
    {
        var flags = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var listen = ctx.Parse.GetValue(Listen) ?? [];
        for (var i = 0; i < listen.Length; i++)
        {
            flags[$"listen:{i}"] = listen[i];
        }

        void Add(string key, string? value)
        {
            if (value is not null)
            {
                flags[key] = value;
            }
        }

        Add("grpc", ctx.Parse.GetValue(Grpc));
        if (ctx.Parse.GetResult(Web) is { } web)
        {
            flags["web"] = web.Tokens.Count == 0 ? WebConsoleOptions.DefaultEndpoint : web.Tokens[0].Value;
        }

        Add("tlsCertificate", ctx.Parse.GetValue(TlsCertificate)?.FullName);
        Add("tlsPassword", ctx.Parse.GetValue(TlsPassword));
        Add("shutdownTimeout", ctx.Parse.GetValue(ShutdownTimeout));
        Add("maxConnections", ctx.Parse.GetValue(MaxConnections));
        Add("maxMessageBytes", ctx.Parse.GetValue(MaxMessageBytes));
        Add("logFormat", ctx.Parse.GetValue(LogFormat));
        return flags;
    }
}
