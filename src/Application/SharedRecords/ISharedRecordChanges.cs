namespace Rapport.Application.SharedRecords;

/// <summary>
/// Tells open sync sessions that the shared record with a peer changed locally (an edit, an interaction, a
/// re-assertion, a new grant or a revocation), so they send the delta at once instead of waiting for the next
/// handshake. In-process only; sessions subscribe per remote peer.
/// </summary>
public interface ISharedRecordChanges
{
    /// <summary>Called after the change is committed.</summary>
    void Changed(string remotePeerId);

    /// <summary>Calls <paramref name="onChanged"/> after each change with <paramref name="remotePeerId"/> until disposed.</summary>
    IDisposable Subscribe(string remotePeerId, Action onChanged);
}
