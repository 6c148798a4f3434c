using System.Runtime.CompilerServices;

namespace Rapport.Adapters.Grpc.Binding;

/// <summary>The request messages of a client- or duplex-streaming call.</summary>
public interface IGrpcStreamReader<out T>
{
    T Current { get; }

    /// <summary>Advances to the next message; false once the client has half-closed.</summary>
    ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken = default);
}

public static class GrpcStreamReaderExtensions
{
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(this IGrpcStreamReader<T> reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (await reader.MoveNextAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return reader.Current;
        }
    }
}
