using Rapport.Domain.Pipeline;

namespace Rapport.Domain.Scoring;

/// <summary>How far a contact is along the business's pipeline, read from their deals.</summary>
public enum Qualification
{
    /// <summary>No deal yet.</summary>
    Lead,

    /// <summary>Every deal ended lost.</summary>
    Lost,

    /// <summary>A deal is open.</summary>
    Opportunity,

    /// <summary>A deal was won.</summary>
    Customer,
}

public static class Qualifications
{
    /// <summary>Won anything: customer; else anything open: opportunity; else anything at all: lost; else a lead.</summary>
    public static Qualification Of(IEnumerable<Deal> deals)
    {
        ArgumentNullException.ThrowIfNull(deals);
        var any = false;
        var open = false;
        foreach (var deal in deals)
        {
            any = true;
            if (deal.Status == DealStatus.Won)
            {
                return Qualification.Customer;
            }

            open |= deal.IsOpen;
        }

        return open ? Qualification.Opportunity : any ? Qualification.Lost : Qualification.Lead;
    }

    public static string Name(this Qualification qualification) => qualification switch
    {
        Qualification.Lead => "lead",
        Qualification.Lost => "lost",
        Qualification.Opportunity => "opportunity",
        Qualification.Customer => "customer",
        _ => throw new ArgumentOutOfRangeException(nameof(qualification), qualification, null),
    };
}
