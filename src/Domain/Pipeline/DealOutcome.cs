namespace Rapport.Domain.Pipeline;

/// <summary>How a closed deal ended. An open deal has no outcome, so a lost reason cannot exist without a loss.</summary>
public abstract record DealOutcome(DateTimeOffset At)
{
    public abstract DealStatus Status { get; }
}

public sealed record DealWon(DateTimeOffset At) : DealOutcome(At)
{
    public override DealStatus Status => DealStatus.Won;
}

public sealed record DealLost(DateTimeOffset At, string Reason) : DealOutcome(At)
{
    public override DealStatus Status => DealStatus.Lost;
}
