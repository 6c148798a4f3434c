using Rapport.Domain.SharedRecords;

namespace Rapport.Domain.Tests.SharedRecords;

public class PurgeWatermarkTests
{
    [Fact]
    public void Local_write_at_or_below_a_purge_watermark_is_refused_and_does_not_move_the_clock()
    {
        var record = SharedRecord.Create("business");
        record.SetField("email", "a@b", new HlcTimestamp(100, 0, "business"));
        record.Purge(["email"], new HlcTimestamp(70_000, 0, "business"));

        Assert.Equal(new HlcTimestamp(100, 0, "business"), record.LatestStamp);
        Assert.Equal(SharedRecordErrors.FieldPurged, record.SetField("email", "x", new HlcTimestamp(200, 0, "business")).Error.Code);
        Assert.True(record.SetField("phone", "1", new HlcTimestamp(200, 0, "business")).IsSuccess);
        Assert.True(record.SetField("email", "x", new HlcTimestamp(70_001, 0, "business")).IsSuccess);
    }
}
