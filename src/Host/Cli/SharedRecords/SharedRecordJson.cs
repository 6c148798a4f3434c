using Rapport.Application.SharedRecords;
using Rapport.Application.SharedRecords.Show;
using Rapport.Domain.Consent;
using Rapport.Host.Control;

namespace Rapport.Host.Cli.SharedRecords;

/// <summary>The `--json` shape of `rapport shared show`.</summary>
internal sealed record SharedRecordJson(
    string Role,
    string Business,
    string Customer,
    long GrantVersion,
    string GrantStatus,
    IReadOnlyDictionary<string, string> Access,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyList<string> Tags,
    IReadOnlyList<SharedInteractionJson> Interactions,
    IReadOnlyDictionary<string, string> Versions,
    IReadOnlyList<string> Purged)
{
    public static SharedRecordJson Of(SharedRecordView view) => new(
        view.Role == SharingRole.Business ? "business" : "customer",
        view.BusinessPeerId,
        view.CustomerPeerId,
        view.GrantVersion,
        view.GrantStatus.ToKey(),
        view.GrantedFields.ToDictionary(f => f.Key, f => SharingInput.Level(f.Value), StringComparer.Ordinal),
        view.Fields,
        [.. view.Tags.Order(StringComparer.Ordinal)],
        [.. view.Interactions.Select(i => new SharedInteractionJson(i.Id, i.Kind, i.Summary, DateTimeOffset.FromUnixTimeMilliseconds(i.OccurredAtMs), i.AuthorNodeId))],
        view.Versions.Entries.ToDictionary(e => e.Key, e => e.Value.ToString(), StringComparer.Ordinal),
        [.. view.PurgedFields.Keys]);
}

internal sealed record SharedInteractionJson(string Id, string Kind, string Summary, DateTimeOffset OccurredAt, string Author);
