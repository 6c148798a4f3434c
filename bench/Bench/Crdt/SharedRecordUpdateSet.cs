using System.Text;
using System.Text.Json;
using Rapport.Domain.SharedRecords;

namespace Rapport.Bench.Crdt;

/// <summary>
/// The "10,000 shared records" update set of issue 4 §10: one relationship's shared record carrying N shared
/// interactions (id, kind, summary of about 100 characters, occurred_at) plus a handful of granted profile fields,
/// all written on the customer node. Seeded, so every run and every consumer (C#, Automerge) sees the same data.
/// </summary>
internal sealed class SharedRecordUpdateSet
{
    public const string CustomerNodeId = "12D3KooWDc6QtzTfStTEk8CofCwYGFyDoindzKSYJhXNkczziPoH";

    private static readonly string[] Kinds = ["call", "visit", "purchase", "note", "email", "meeting"];

    private static readonly string[] Words =
    [
        "customer", "asked", "about", "the", "delivery", "window", "for", "spring", "order", "and", "confirmed", "new",
        "address", "discussed", "invoice", "renewal", "discount", "returned", "two", "items", "size", "exchange",
        "booked", "follow-up", "visit", "next", "week", "prefers", "email", "over", "phone", "loyalty", "points",
        "applied", "store", "pickup", "warranty", "claim", "approved", "payment", "received", "thanks", "team",
    ];

    private SharedRecordUpdateSet(IReadOnlyList<(string Key, string Value)> fields, IReadOnlyList<SharedInteraction> interactions)
    {
        Fields = fields;
        Interactions = interactions;
    }

    /// <summary>The granted profile fields the customer shares.</summary>
    public IReadOnlyList<(string Key, string Value)> Fields { get; }

    /// <summary>The shared interactions, in the order the customer logged them.</summary>
    public IReadOnlyList<SharedInteraction> Interactions { get; }

    public static SharedRecordUpdateSet Generate(int interactions, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(interactions);
        var random = new Random(seed);
        var fields = new List<(string, string)>
        {
            ("email", "ada.lovelace@example.org"),
            ("phone", "+44 20 7946 0958"),
            ("address.street", "12 Analytical Engine Row"),
            ("address.city", "London"),
            ("address.postcode", "SW1A 1AA"),
            ("preferred_language", "en-GB"),
        };

        var clock = new HybridLogicalClock(CustomerNodeId);
        var wall = 1_763_700_000_000L;
        var logged = new List<SharedInteraction>(interactions);
        var id = new byte[16];
        for (var i = 0; i < interactions; i++)
        {
            wall += random.Next(0, 3);
            random.NextBytes(id);
            var interaction = SharedInteraction.Create(
                Convert.ToHexStringLower(id),
                clock.Now(wall),
                Kinds[random.Next(Kinds.Length)],
                Summary(random),
                wall - random.Next(0, 86_400_000)).Value;
            logged.Add(interaction);
        }

        return new SharedRecordUpdateSet(fields, logged);
    }

    /// <summary>The customer's replica after writing every field, then every interaction, one local write each.</summary>
    public SharedRecord Write(out IReadOnlyList<SharedRecordDelta> deltas)
    {
        var record = SharedRecord.Create(CustomerNodeId);
        var clock = new HybridLogicalClock(CustomerNodeId);
        var produced = new List<SharedRecordDelta>(Fields.Count + Interactions.Count);
        var fieldWall = Interactions[0].Stamp.PhysicalMs - 1_000;
        foreach (var (key, value) in Fields)
        {
            produced.Add(record.SetField(key, value, clock.Now(fieldWall)).Value);
        }

        foreach (var interaction in Interactions)
        {
            produced.Add(record.LogInteraction(interaction).Value);
        }

        deltas = produced;
        return record;
    }

    /// <summary>The same data as JSON for the Automerge reference (bench/automerge/merge-set.mjs).</summary>
    public void WriteJson(string path)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteStartArray("fields");
        foreach (var (key, value) in Fields)
        {
            json.WriteStartObject();
            json.WriteString("key", key);
            json.WriteString("value", value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("interactions");
        foreach (var interaction in Interactions)
        {
            json.WriteStartObject();
            json.WriteString("id", interaction.Id);
            json.WriteString("kind", interaction.Kind);
            json.WriteString("summary", interaction.Summary);
            json.WriteNumber("occurred_at", interaction.OccurredAtMs);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string Summary(Random random)
    {
        var summary = new StringBuilder(110);
        while (summary.Length < 95)
        {
            if (summary.Length > 0)
            {
                summary.Append(' ');
            }

            summary.Append(Words[random.Next(Words.Length)]);
        }

        return summary.ToString(0, Math.Min(summary.Length, 100));
    }
}
