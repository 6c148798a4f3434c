using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Rapport.Adapters.Grpc.Hosting;
using Rapport.Adapters.Grpc.Tests.Protos;
using Rapport.Adapters.Grpc.Tests.Support;
using Rapport.Adapters.Grpc.Tests.TestService;

namespace Rapport.Adapters.Grpc.Tests.Server;

public sealed class HostingTests
{
    private static Task<TestNode> StartAsync(Action<PartnerApiOptions>? configure = null, TestServiceState? state = null) =>
        ServerFixture.StartAsync(state ?? new TestServiceState(), configure);

    [Theory]
    [InlineData("0.0.0.0:0")]
    [InlineData("[::]:0")]
    public async Task Plaintext_on_a_non_loopback_address_is_refused(string endpoint)
    {
        var error = await Assert.ThrowsAsync<GrpcServerConfigurationException>(() =>
            StartAsync(o => o.Endpoint = IPEndPoint.Parse(endpoint)));

        Assert.Contains("plaintext", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plaintext_on_a_non_loopback_address_can_be_explicitly_allowed()
    {
        await using var server = await StartAsync(o => (o.Endpoint, o.AllowPlaintextOnNonLoopback) = (new IPEndPoint(IPAddress.Any, 0), true));

        Assert.NotEqual(0, server.Address.Port);
    }

    [Fact]
    public async Task Port_in_use_is_a_configuration_error()
    {
        await using var first = await StartAsync();

        var error = await Assert.ThrowsAsync<GrpcServerConfigurationException>(() => StartAsync(o => o.Endpoint = new IPEndPoint(IPAddress.Loopback, first.Address.Port)));
        Assert.Contains($"127.0.0.1:{first.Address.Port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_endpoint_serves_h2_and_answers_http11_with_426()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        using var certificate = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
        await using var server = await StartAsync(o => o.Certificate = certificate);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, cert, _, _) => cert?.GetCertHashString() == certificate.GetCertHashString() },
        };
        using var client = new RawGrpcClient(server.Address, handler);

        Assert.Equal("https", server.Address.Scheme);
        var ok = await client.UnaryAsync("/rapport.test.v1.TestService/Echo", new EchoRequest { Text = "secure" });
        Assert.Equal(StatusCode.OK, ok.Status);
        var http11 = await client.SendAsync("/rapport.test.v1.TestService/Echo", GrpcFrames.Frame(new EchoRequest()), version: HttpVersion.Version11);
        Assert.Equal(426, http11.HttpStatus);
    }

    [Fact]
    public async Task Response_compression_is_used_only_when_the_client_accepts_it()
    {
        await using var server = await StartAsync(o => o.ResponseCompression = "gzip");
        var client = server.Client;

        var accepted = await client.UnaryAsync("/rapport.test.v1.TestService/Echo", new EchoRequest { Text = "z" }, r => r.Headers.Add("grpc-accept-encoding", "identity,gzip"));
        var plain = await client.UnaryAsync("/rapport.test.v1.TestService/Echo", new EchoRequest { Text = "p" });

        Assert.Equal("gzip", accepted.Header("grpc-encoding"));
        Assert.Equal("z", EchoResponse.Parser.ParseFrom(Assert.Single(accepted.Messages)).Text);
        Assert.Null(plain.Header("grpc-encoding"));
        Assert.Equal("p", EchoResponse.Parser.ParseFrom(Assert.Single(plain.Messages)).Text);
    }

    [Fact]
    public async Task Stop_lets_an_in_flight_call_finish()
    {
        var state = new TestServiceState();
        await using var server = await StartAsync(state: state);
        var call = server.Client.SendAsync("/rapport.test.v1.TestService/Slow", GrpcFrames.Frame(new SlowRequest { DelayMs = 300 }));
        await state.SlowStarted.WaitAsync(TimeSpan.FromSeconds(15));

        await server.StopAsync();
        var response = await call;

        Assert.Equal(StatusCode.OK, response.Status);
    }
}
