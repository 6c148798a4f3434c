using System.Globalization;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Rapport.Adapters.Grpc.Binding;
using Rapport.Adapters.Grpc.Protocol;

namespace Rapport.Adapters.Grpc.Hosting;

/// <summary>Puts a status on the wire: in trailers after messages, or as a Trailers-Only response (one HEADERS frame).</summary>
internal static class StatusResponder
{
    public static void WriteTrailersOnly(HttpResponse response, GrpcStatus status, GrpcMetadata? headers = null, GrpcMetadata? trailers = null)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcHeaders.ContentType;
        response.Headers[GrpcHeaders.AcceptEncoding] = MessageEncodings.AcceptEncodingHeaderValue;
        if (headers is not null)
        {
            MetadataCodec.WriteTo(headers, response.Headers);
        }

        foreach (var (name, value) in StatusFields(status))
        {
            response.Headers[name] = value;
        }

        if (trailers is not null)
        {
            MetadataCodec.WriteTo(trailers, response.Headers);
        }
    }

    public static void AppendTrailers(HttpResponse response, GrpcStatus status, GrpcMetadata trailers)
    {
        foreach (var (name, value) in StatusFields(status))
        {
            response.AppendTrailer(name, value);
        }

        foreach (var entry in trailers)
        {
            response.AppendTrailer(entry.Key, MetadataCodec.Encode(entry));
        }
    }

    private static IEnumerable<(string Name, string Value)> StatusFields(GrpcStatus status)
    {
        yield return (GrpcHeaders.Status, ((int)status.Code).ToString(CultureInfo.InvariantCulture));
        if (status.Message.Length > 0)
        {
            yield return (GrpcHeaders.Message, PercentEncoding.Encode(status.Message));
        }

        if (status.ToRpcStatus() is { } details)
        {
            yield return (GrpcHeaders.StatusDetails, MetadataCodec.ToBase64(details.ToByteArray()));
        }
    }
}
