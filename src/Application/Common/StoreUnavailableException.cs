namespace Rapport.Application.Common;

/// <summary>
/// The node's store cannot serve the request (locked by another process, corrupted, missing, written by a newer
/// version). Adapters translate their own failures into this so callers can report them without knowing the store.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StoreUnavailableException()
    {
    }
}
