using Rapport.Domain.Common;

namespace Rapport.Host.Cli;

/// <summary>
/// The CLI's exit codes (docs/errors.md). 2 says the same command will fail again until the caller changes its input
/// or the state it names; 1 says the node, the network or a peer failed and trying again may help.
/// </summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The store, the network, a peer or something else outside the user's input failed.</summary>
    public const int Failure = 1;

    /// <summary>The caller's mistake: wrong input, something that is not there, a denial, a clash with the state. Nothing was written.</summary>
    public const int Usage = 2;

    /// <summary>
    /// A question answered "no": the policy denied (`policy eval`), so a script can branch on it the way it branches on
    /// grep's 1. Not an error; the answer was printed and audited.
    /// </summary>
    public const int Denied = 3;

    /// <summary>The exit codes as `rapport --help` lists them (docs/errors.md says the same; a test holds them together).</summary>
    public const string Help =
        "Exit codes: 0 success; 1 a failure of the node, the store, the network or a peer (trying again may help); " +
        "2 the caller's mistake: invalid input, not found, a denial, a clash with the state (nothing written); " +
        "3 `policy eval` answered no (the policy denied). With --json, errors are a JSON object on stderr: {error, kind, message, field}.";

    public static int For(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid or ErrorKind.NotFound or ErrorKind.ConsentDenied or ErrorKind.Conflict or ErrorKind.AlreadyExists
            or ErrorKind.Unauthenticated or ErrorKind.PermissionDenied => Usage,
        ErrorKind.RateLimited or ErrorKind.Unavailable => Failure,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "an error kind without an exit code"),
    };
}
