namespace Rapport.Libp2p;

/// <summary>What kind of expected failure an <see cref="Error"/> is: what a caller branches on.</summary>
public enum ErrorKind
{
    /// <summary>The input is wrong: a malformed address, key, id or message.</summary>
    Invalid,

    /// <summary>The thing asked for does not exist (a key that is not there).</summary>
    NotFound,

    /// <summary>The peer did not prove who it is: a handshake or signature that does not verify, a different peer id.</summary>
    Unauthenticated,

    /// <summary>The network or the peer failed: a refused dial, a timeout, a reset. Trying again may help.</summary>
    Unavailable,
}
