namespace Rapport.Domain.Scoring;

/// <summary>The band a lead score falls in: hot ≥ 75, warm ≥ 50, cool ≥ 25, cold below.</summary>
public enum LeadClass
{
    Cold,
    Cool,
    Warm,
    Hot,
}

public static class LeadClasses
{
    public static LeadClass Of(double score) => score switch
    {
        >= 75 => LeadClass.Hot,
        >= 50 => LeadClass.Warm,
        >= 25 => LeadClass.Cool,
        _ => LeadClass.Cold,
    };

    public static string Name(this LeadClass leadClass) => leadClass switch
    {
        LeadClass.Hot => "hot",
        LeadClass.Warm => "warm",
        LeadClass.Cool => "cool",
        LeadClass.Cold => "cold",
        _ => throw new ArgumentOutOfRangeException(nameof(leadClass), leadClass, null),
    };
}
