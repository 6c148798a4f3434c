namespace Rapport.Libp2p;

/// <summary>
/// A stable machine-readable error code (UPPER_SNAKE_CASE) and the one <see cref="ErrorKind"/> every error with that
/// code has. Each part of the stack keeps its codes in a catalogue class (NetworkErrors, NoiseErrors, …).
/// </summary>
public sealed record ErrorCode(string Value, ErrorKind Kind)
{
    public override string ToString() => Value;
}
