using System.Collections.Immutable;
using Rapport.Domain.SharedRecords;

namespace Rapport.Domain.Tests.SharedRecords;

public class DeltaValidationTests
{
    private static readonly string[] Writers = ["business", "customer"];
    private static readonly HlcTimestamp S1 = new(100, 0, "customer");
    private static readonly HlcTimestamp S2 = new(200, 0, "customer");

    private static SharedRecordDelta Delta(ImmutableArray<FieldWrite> fields, VersionVector? from = null, VersionVector? to = null) =>
        new(fields, ObservedRemoveSet<string>.Empty, GrowOnlySet<SharedInteraction>.Empty, from ?? VersionVector.Empty, to ?? VersionVector.Of(S2));

    [Fact]
    public void Deltas_produced_by_replicas_are_valid()
    {
        var record = SharedRecord.Create("customer");
        var delta = record.SetField("email", "a@b", S1).Value;
        Assert.True(delta.Validate(Writers).IsSuccess);
        Assert.True(record.SetField("phone", "1", S2).Value.Validate(Writers).IsSuccess);
        Assert.True(record.DeltaSince(VersionVector.Empty).Validate(Writers).IsSuccess);
    }

    [Fact]
    public void Invalid_deltas_are_refused_with_SYNC_INVALID_DELTA()
    {
        var foreign = Delta([new FieldWrite("email", LwwRegister<string>.Set("x", new HlcTimestamp(1, 0, "mallory")))]);
        var badKey = Delta([new FieldWrite("E mail", LwwRegister<string>.Set("x", S1))]);
        var twice = Delta([new FieldWrite("email", LwwRegister<string>.Set("x", S1)), new FieldWrite("email", LwwRegister<string>.Set("y", S2))]);
        var inverted = Delta([], VersionVector.Of(S2), VersionVector.Of(S1));
        var tooLong = Delta([new FieldWrite("email", LwwRegister<string>.Set(new string('x', SharedRecord.MaxFieldValueLength + 1), S1))]);

        foreach (var delta in new[] { foreign, badKey, twice, inverted, tooLong })
        {
            Assert.Equal(SharedRecordErrors.InvalidDelta, delta.Validate(Writers).Error.Code);
        }
    }
}
