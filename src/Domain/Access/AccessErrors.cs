using Rapport.Domain.Common;

namespace Rapport.Domain.Access;

/// <summary>Why the node's admin passphrase was refused (docs/errors.md).</summary>
public static class AccessErrors
{
    public static readonly ErrorCode PassphraseTooShort = new("PASSPHRASE_TOO_SHORT", ErrorKind.Invalid);
    public static readonly ErrorCode PassphraseTooLong = new("PASSPHRASE_TOO_LONG", ErrorKind.Invalid);
    public static readonly ErrorCode PassphraseMismatch = new("PASSPHRASE_MISMATCH", ErrorKind.Invalid);
    public static readonly ErrorCode PassphraseNotSet = new("PASSPHRASE_NOT_SET", ErrorKind.NotFound);
    public static readonly ErrorCode PassphraseWrong = new("PASSPHRASE_WRONG", ErrorKind.Unauthenticated);
}
