namespace Rapport.Libp2p;

/// <summary>An expected failure: a stable code (with its <see cref="ErrorKind"/>) and a message for people.</summary>
public sealed record Error(ErrorCode Code, string Message, string? Field = null)
{
    public ErrorKind Kind => Code.Kind;

    public override string ToString() => Field is null ? $"{Code}: {Message}" : $"{Code} ({Field}): {Message}";
}
