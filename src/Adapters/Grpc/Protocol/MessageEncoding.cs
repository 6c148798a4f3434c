namespace Rapport.Adapters.Grpc.Protocol;

/// <summary>A message compression algorithm (<c>grpc-encoding</c>); contexts are per message, never shared.</summary>
public enum MessageEncoding
{
    Identity,
    Gzip,
    Deflate,
}

public static class MessageEncodings
{
    /// <summary>The value advertised in <c>grpc-accept-encoding</c>.</summary>
    public const string AcceptEncodingHeaderValue = "identity,gzip,deflate";

    public static bool TryParse(string? headerValue, out MessageEncoding encoding)
    {
        encoding = MessageEncoding.Identity;
        switch (headerValue)
        {
            case null or "" or "identity":
                return true;
            case "gzip":
                encoding = MessageEncoding.Gzip;
                return true;
            case "deflate":
                encoding = MessageEncoding.Deflate;
                return true;
            default:
                return false;
        }
    }

    public static string ToHeaderValue(this MessageEncoding encoding) => encoding switch
    {
        MessageEncoding.Gzip => "gzip",
        MessageEncoding.Deflate => "deflate",
        _ => "identity",
    };

    /// <summary>Whether a peer's <c>grpc-accept-encoding</c> list contains the encoding.</summary>
    public static bool IsAcceptedBy(this MessageEncoding encoding, string? acceptEncoding)
    {
        if (encoding == MessageEncoding.Identity)
        {
            return true;
        }

        if (string.IsNullOrEmpty(acceptEncoding))
        {
            return false;
        }

        var wanted = encoding.ToHeaderValue();
        foreach (var range in acceptEncoding.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (string.Equals(range, wanted, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
