using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Rapport.Domain.Common;

namespace Rapport.Host.Grpc;

/// <summary>The optional TLS certificate of the partner API, loaded from a PKCS#12 file with a clear error.</summary>
public static class PartnerApiCertificate
{
    public static Result<X509Certificate2?> Load(FileInfo? file, string? password)
    {
        if (file is null)
        {
            return Result.Ok<X509Certificate2?>(null);
        }

        if (!file.Exists)
        {
            return new Error(PartnerApiErrors.CertificateMissing, $"no certificate file at {file.FullName}", "--tls-cert");
        }

        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(file.FullName, password ?? Environment.GetEnvironmentVariable("RAPPORT_TLS_PASSWORD"));
            return certificate.HasPrivateKey
                ? certificate
                : new Error(PartnerApiErrors.CertificateInvalid, $"{file.Name} holds no private key; the server needs one", "--tls-cert");
        }
        catch (CryptographicException e)
        {
            return new Error(PartnerApiErrors.CertificateInvalid, $"cannot read {file.Name} as a PKCS#12 certificate: {e.Message.TrimEnd('.')} (wrong password?)", "--tls-cert");
        }
    }
}
