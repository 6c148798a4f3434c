namespace Rapport.Application.SharedRecords;

/// <summary>Whether a delta came in from the peer or went out to it.</summary>
public enum SyncDirection
{
    Applied,
    Sent,
}
