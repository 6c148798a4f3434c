namespace Rapport.Domain.Pipeline;

public enum DealStatus
{
    Open,
    Won,
    Lost,
}
