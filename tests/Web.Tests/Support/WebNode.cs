using Rapport.Application.Access;
using Rapport.Host.Composition;
using Rapport.Host.Hosting;

namespace Rapport.Adapters.Web.Tests.Support;

/// <summary>
/// A business node in a temp directory (real SQLite file, identity, admin passphrase) started as
/// `rapport run --web 127.0.0.1:0` starts one, with or without the gRPC partner API beside the console.
/// Stopped and deleted on dispose.
/// </summary>
public sealed class WebNode : IAsyncDisposable
{
    public const string Passphrase = "correct horse battery staple";

    private readonly string _dir;

    private WebNode(string dir, RunningNode node) => (_dir, Node) = (dir, node);

    public RunningNode Node { get; }

    public DataDirectory Data => new(_dir);

    /// <summary>The console's bound address ("http://127.0.0.1:54321/").</summary>
    public Uri Address => Node.WebConsole!;

    public T Get<T>() where T : notnull => Node.Get<T>();

    /// <summary>A client of the console, signed out.</summary>
    public ConsoleClient Client() => new(Address);

    /// <summary>A client of the console, signed in with the admin passphrase.</summary>
    public async Task<ConsoleClient> SignedInClientAsync()
    {
        var client = Client();
        var response = await client.SignInAsync(Passphrase);
        Assert.Equal(System.Net.HttpStatusCode.Found, response.StatusCode);
        return client;
    }

    /// <param name="grpc">Also serve the partner API on its own loopback port.</param>
    /// <param name="passphrase">Set the admin passphrase (a node without one refuses every sign-in).</param>
    /// <param name="peers">Also listen for libp2p peers on a loopback port (a business and a customer node share this way).</param>
    public static async Task<WebNode> StartAsync(bool grpc = false, bool passphrase = true, Func<OpenedNode, Task>? seed = null, bool peers = false)
    {
        var dir = Path.Combine(Path.GetTempPath(), "rapport-web-node-" + Guid.NewGuid().ToString("N"));
        var data = new DataDirectory(dir);
        try
        {
            Assert.True((await NewNode.CreateAsync(data)).IsSuccess);
            await using (var opened = new OpenedNode(await NodeServices.OpenAsync(data, CancellationToken.None)))
            {
                if (passphrase)
                {
                    Assert.True((await opened.Get<SetAdminPassphrase>().ExecuteAsync(Passphrase, "test")).IsSuccess);
                }

                if (seed is not null)
                {
                    await seed(opened);
                }
            }

            var options = new RapportNodeOptions { Grpc = grpc ? "127.0.0.1:0" : "none", Web = "127.0.0.1:0", ShutdownTimeout = TimeSpan.FromSeconds(5) };
            options.Listen.Clear();
            if (peers)
            {
                options.Listen.Add("/ip4/127.0.0.1/tcp/0");
            }

            var started = await RunningNode.StartAsync(data, options, null, _ => { }, CancellationToken.None);
            Assert.True(started.IsSuccess, started.IsFailure ? started.Error.ToString() : null);
            return new WebNode(dir, started.Value);
        }
        catch
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
