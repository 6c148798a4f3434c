namespace Rapport.Domain.Common;

/// <summary>
/// What kind of expected failure an <see cref="Error"/> is. Every edge (gRPC status, control socket, CLI exit code)
/// maps the kind, never the code's spelling; the code stays the stable machine-readable detail. docs/errors.md lists
/// the kinds with their gRPC status and exit code.
/// </summary>
public enum ErrorKind
{
    /// <summary>The input is wrong: a value out of range, a malformed id, a missing argument. Nothing was written.</summary>
    Invalid,

    /// <summary>The thing the request names does not exist (a contact, a deal, a request, a file).</summary>
    NotFound,

    /// <summary>The consent policy denies the use of personal data; the code is the most specific policy reason code.</summary>
    ConsentDenied,

    /// <summary>The request clashes with the current state (a version conflict, a closed deal, a state that forbids it).</summary>
    Conflict,

    /// <summary>The thing to create exists already.</summary>
    AlreadyExists,

    /// <summary>Who made the request (or signed what it carries) is not proven: a missing or unknown key, a signature that does not verify.</summary>
    Unauthenticated,

    /// <summary>The caller is known but lacks the scope or role for the call (not a consent matter).</summary>
    PermissionDenied,

    /// <summary>The caller sent more than its rate allows; it may try again after a while.</summary>
    RateLimited,

    /// <summary>Something outside the caller's input failed: the network, a peer, the store. Trying again may help.</summary>
    Unavailable,
}
