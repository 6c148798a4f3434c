using Rapport.Domain.Common;

namespace Rapport.Adapters.Libp2p;

/// <summary>
/// The libp2p library's errors in the node's terms: the same code (docs/errors.md lists both) and the kind of the same
/// name, so the edges map a network failure as they map any other.
/// </summary>
public static class Libp2pErrors
{
    public static Error ToRapport(this Rapport.Libp2p.Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new Error(error.Code.ToRapport(), error.Message, error.Field);
    }

    public static ErrorCode ToRapport(this Rapport.Libp2p.ErrorCode code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return new ErrorCode(code.Value, KindOf(code.Kind));
    }

    public static Result<T> ToRapport<T>(this Rapport.Libp2p.Result<T> result) =>
        result.IsSuccess ? result.Value : result.Error.ToRapport();

    private static ErrorKind KindOf(Rapport.Libp2p.ErrorKind kind) => kind switch
    {
        Rapport.Libp2p.ErrorKind.Invalid => ErrorKind.Invalid,
        Rapport.Libp2p.ErrorKind.NotFound => ErrorKind.NotFound,
        Rapport.Libp2p.ErrorKind.Unauthenticated => ErrorKind.Unauthenticated,
        Rapport.Libp2p.ErrorKind.Unavailable => ErrorKind.Unavailable,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "a kind of the libp2p library without a node kind"),
    };
}
