using Rapport.Libp2p.Protocols;

namespace Rapport.Libp2p.Tests.Protocols;

public class ProtocolRegistryTests
{
    [Fact]
    public void Registered_handlers_are_found_by_id()
    {
        var registry = new ProtocolRegistry();
        registry.Register(PingProtocol.Id, PingProtocol.HandleAsync);
        registry.Register(IdentifyProtocol.Id, IdentifyProtocol.Handler(_ => new IdentifyMessage()));

        Assert.True(registry.TryGet(PingProtocol.Id, out var ping));
        Assert.Equal(PingProtocol.HandleAsync, ping);
        Assert.False(registry.TryGet("/unknown/1.0.0", out _));
        Assert.Equal(new[] { IdentifyProtocol.Id, PingProtocol.Id }, registry.Ids);
        Assert.True(registry.Unregister(PingProtocol.Id));
        Assert.Equal(new[] { IdentifyProtocol.Id }, registry.Ids);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ipfs/ping")]
    [InlineData("/with\nnewline")]
    public void Invalid_ids_are_refused(string id)
    {
        var registry = new ProtocolRegistry();
        Assert.Throws<ArgumentException>(() => registry.Register(id, PingProtocol.HandleAsync));
    }

    [Fact]
    public void Duplicate_registration_is_refused()
    {
        var registry = new ProtocolRegistry();
        registry.Register(PingProtocol.Id, PingProtocol.HandleAsync);
        Assert.Throws<InvalidOperationException>(() => registry.Register(PingProtocol.Id, PingProtocol.HandleAsync));
    }
}
