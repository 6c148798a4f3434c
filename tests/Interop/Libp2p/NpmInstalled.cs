namespace Rapport.Interop.Tests.Libp2p;

/// <summary>xunit collection fixture: runs <c>npm ci</c> for the peer once before the collection's tests.</summary>
public sealed class NpmInstalled : IAsyncLifetime
{
    public string PeerDirectory { get; } = JsPeerDirectory.Locate();

    public Task InitializeAsync() => NpmInstall.EnsureAsync(PeerDirectory);

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class JsLibp2pCollection : ICollectionFixture<NpmInstalled>
{
    public const string Name = "js-libp2p peers";
}
