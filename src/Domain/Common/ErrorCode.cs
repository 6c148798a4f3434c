namespace Rapport.Domain.Common;

/// <summary>
/// A stable machine-readable error code (UPPER_SNAKE_CASE, listed in docs/errors.md) and the one <see cref="ErrorKind"/>
/// every error with that code has. Each feature keeps its codes in a catalogue class (ContactErrors, SharingErrors, …).
/// </summary>
public sealed record ErrorCode(string Value, ErrorKind Kind)
{
    public override string ToString() => Value;
}
