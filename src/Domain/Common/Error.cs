namespace Rapport.Domain.Common;

/// <summary>
/// An expected failure: a stable machine code (which carries the <see cref="ErrorKind"/> callers branch on), a human
/// message, and where it applies the field at fault.
/// </summary>
public sealed record Error(ErrorCode Code, string Message, string? Field = null)
{
    public ErrorKind Kind => Code.Kind;

    public override string ToString() => Field is null ? $"{Code}: {Message}" : $"{Code} ({Field}): {Message}";
}
