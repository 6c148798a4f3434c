namespace Rapport.Application.Sharing;

public enum SharingRequestStatus
{
    Pending,
    Granted,
    Declined,
}
