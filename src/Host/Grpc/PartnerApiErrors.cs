using Rapport.Domain.Common;

namespace Rapport.Host.Grpc;

/// <summary>Why the partner API could not be served as configured (docs/errors.md).</summary>
public static class PartnerApiErrors
{
    public static readonly ErrorCode CertificateMissing = new("TLS_CERT_MISSING", ErrorKind.NotFound);
    public static readonly ErrorCode CertificateInvalid = new("TLS_CERT_INVALID", ErrorKind.Invalid);
}
