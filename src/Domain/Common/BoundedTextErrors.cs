namespace Rapport.Domain.Common;

/// <summary>The codes a <see cref="BoundedText"/> of one feature fails with: blank, too long, control characters.</summary>
public sealed record BoundedTextErrors(ErrorCode Empty, ErrorCode TooLong, ErrorCode Invalid)
{
    /// <summary><c>PREFIX_EMPTY</c>, <c>PREFIX_TOO_LONG</c>, <c>PREFIX_INVALID</c>, all <see cref="ErrorKind.Invalid"/>.</summary>
    public static BoundedTextErrors For(string prefix) =>
        new(new(prefix + "_EMPTY", ErrorKind.Invalid), new(prefix + "_TOO_LONG", ErrorKind.Invalid), new(prefix + "_INVALID", ErrorKind.Invalid));
}
