namespace Rapport.Application.SharedRecords;

/// <summary>Which side of a business–customer relationship the local node is.</summary>
public enum SharingRole
{
    Business,
    Customer,
}
