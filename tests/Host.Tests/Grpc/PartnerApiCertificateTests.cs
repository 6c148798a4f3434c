using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Rapport.Host.Grpc;

namespace Rapport.Host.Tests.Grpc;

public sealed class PartnerApiCertificateTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("rapport-tls-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void No_certificate_means_plaintext()
    {
        Assert.Null(PartnerApiCertificate.Load(null, null).Value);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var result = PartnerApiCertificate.Load(new FileInfo(Path.Combine(_dir.FullName, "absent.pfx")), null);

        Assert.Equal(PartnerApiErrors.CertificateMissing, result.Error.Code);
        Assert.Equal("--tls-cert", result.Error.Field);
    }

    [Fact]
    public void A_file_that_is_not_pkcs12_or_has_the_wrong_password_is_refused_clearly()
    {
        var garbage = Path.Combine(_dir.FullName, "garbage.pfx");
        File.WriteAllBytes(garbage, [1, 2, 3, 4, 5]);
        var real = WriteSelfSigned("secret");

        Assert.Equal(PartnerApiErrors.CertificateInvalid, PartnerApiCertificate.Load(new FileInfo(garbage), null).Error.Code);
        Assert.Equal(PartnerApiErrors.CertificateInvalid, PartnerApiCertificate.Load(new FileInfo(real), "wrong").Error.Code);
    }

    [Fact]
    public void A_pkcs12_file_with_its_password_loads_with_the_private_key()
    {
        var path = WriteSelfSigned("secret");

        using var certificate = PartnerApiCertificate.Load(new FileInfo(path), "secret").Value;

        Assert.NotNull(certificate);
        Assert.True(certificate.HasPrivateKey);
        Assert.Equal("CN=localhost", certificate.Subject);
    }

    private string WriteSelfSigned(string password)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(_dir.FullName, "node.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }
}
