using Rapport.Domain.SharedRecords;

namespace Rapport.Domain.Tests.SharedRecords;

public class SharedRecordTests
{
    private readonly Replica _business = new("business", 10_000);
    private readonly Replica _customer = new("customer", 10_000);

    [Fact]
    public void Same_field_edited_concurrently_on_both_sides_has_one_deterministic_winner()
    {
        var fromBusiness = _business.Record.SetField("email", "b@example.org", _business.NextStamp()).Value;
        var fromCustomer = _customer.Record.SetField("email", "c@example.org", _customer.NextStamp()).Value;

        _business.Record.Apply(fromCustomer);
        _customer.Record.Apply(fromBusiness);

        // Same physical time and counter: the node id breaks the tie ("customer" > "business").
        Assert.Equal("c@example.org", _business.Record.GetField("email"));
        Assert.Equal("c@example.org", _customer.Record.GetField("email"));
        Assert.True(_business.Record.StateEquals(_customer.Record));
    }

    [Fact]
    public void Later_write_wins_regardless_of_node_id()
    {
        _customer.WallMs += 1;
        var fromBusiness = _business.Record.SetField("email", "b@example.org", _business.NextStamp()).Value;
        var fromCustomer = _customer.Record.SetField("email", "c@example.org", _customer.NextStamp()).Value;
        _business.Record.Apply(fromCustomer);
        _customer.Record.Apply(fromBusiness);

        Assert.Equal("c@example.org", _business.Record.GetField("email"));
        var overwrite = _business.Record.SetField("email", "again@example.org", _business.NextStamp()).Value;
        _customer.Record.Apply(overwrite);
        Assert.Equal("again@example.org", _customer.Record.GetField("email"));
    }

    [Fact]
    public void Concurrent_edits_of_different_fields_are_both_kept()
    {
        var fromBusiness = _business.Record.SetField("phone", "+41 44 000 00 00", _business.NextStamp()).Value;
        var fromCustomer = _customer.Record.SetField("email", "c@example.org", _customer.NextStamp()).Value;
        _business.Record.Apply(fromCustomer);
        _customer.Record.Apply(fromBusiness);

        var expected = new Dictionary<string, string> { ["email"] = "c@example.org", ["phone"] = "+41 44 000 00 00" };
        Assert.Equal(expected, _business.Record.Fields);
        Assert.Equal(expected, _customer.Record.Fields);
    }

    [Fact]
    public void Cleared_field_disappears_on_both_sides()
    {
        _customer.Record.Apply(_business.Record.SetField("phone", "1", _business.NextStamp()).Value);
        _business.Record.Apply(_customer.Record.ClearField("phone", _customer.NextStamp()).Value);

        Assert.Null(_business.Record.GetField("phone"));
        Assert.True(_business.Record.GetRegister("phone")!.IsCleared);
        Assert.Empty(_customer.Record.Fields);
    }

    [Fact]
    public void Tag_add_concurrent_with_remove_wins()
    {
        _customer.Record.Apply(_business.Record.AddTag("vip", _business.NextStamp()).Value);
        var remove = _customer.Record.RemoveTag("vip", _customer.NextStamp()).Value;
        var readd = _business.Record.AddTag("vip", _business.NextStamp()).Value;
        _business.Record.Apply(remove);
        _customer.Record.Apply(readd);

        Assert.Contains("vip", _business.Record.Tags);
        Assert.Contains("vip", _customer.Record.Tags);
        Assert.True(_business.Record.StateEquals(_customer.Record));
    }

    [Fact]
    public void Observed_remove_removes_the_tag_everywhere()
    {
        _customer.Record.Apply(_business.Record.AddTag("vip", _business.NextStamp()).Value);
        _business.Record.Apply(_customer.Record.RemoveTag("vip", _customer.NextStamp()).Value);

        Assert.Empty(_business.Record.Tags);
        Assert.Equal(SharedRecordErrors.TagNotPresent, _business.Record.RemoveTag("vip", _business.NextStamp()).Error.Code);
    }

    [Fact]
    public void Interactions_logged_on_either_side_are_seen_by_both()
    {
        var s1 = _business.NextStamp();
        var s2 = _customer.NextStamp();
        var call = SharedInteraction.Create("i-1", s1, "call", "asked about delivery", 9_000).Value;
        var visit = SharedInteraction.Create("i-2", s2, "visit", "picked up order", 9_500).Value;
        var d1 = _business.Record.LogInteraction(call).Value;
        var d2 = _customer.Record.LogInteraction(visit).Value;
        _business.Record.Apply(d2);
        _customer.Record.Apply(d1);
        _customer.Record.Apply(d1);

        Assert.Equal(["i-1", "i-2"], _customer.Record.Interactions.Select(i => i.Id));
        Assert.True(_business.Record.StateEquals(_customer.Record));
        Assert.Equal("business", _customer.Record.Interactions[0].AuthorNodeId);
    }

    [Fact]
    public void Local_write_must_carry_a_fresh_stamp_of_the_local_node()
    {
        var stamp = _business.NextStamp();
        _business.Record.SetField("email", "a@b", stamp);

        Assert.Equal(SharedRecordErrors.StaleStamp, _business.Record.SetField("email", "x", stamp).Error.Code);
        Assert.Equal(SharedRecordErrors.ForeignStamp, _business.Record.SetField("email", "x", _customer.NextStamp()).Error.Code);
        Assert.Equal(SharedRecordErrors.InvalidFieldKey, _business.Record.SetField("Email!", "x", _business.NextStamp()).Error.Code);
        Assert.Equal(SharedRecordErrors.InvalidTag, _business.Record.AddTag(" ", _business.NextStamp()).Error.Code);
    }

    [Fact]
    public void Purged_field_is_not_resurrected_by_old_deltas_but_accepts_new_writes()
    {
        var oldWrites = new List<SharedRecordDelta>
        {
            _customer.Record.SetField("email", "old@example.org", _customer.NextStamp()).Value,
            _customer.Record.SetField("phone", "123", _customer.NextStamp()).Value,
        };
        oldWrites.ForEach(d => _business.Record.Apply(d));
        var inFlight = _customer.Record.SetField("email", "in-flight@example.org", _customer.NextStamp()).Value;

        _business.WallMs += 1_000;
        _business.Record.Purge(["email"], _business.NextStamp());

        oldWrites.ForEach(d => _business.Record.Apply(d));
        _business.Record.Apply(inFlight);
        _business.Record.Merge(_customer.Record);
        _business.Record.Apply(_customer.Record.DeltaSince(VersionVector.Empty));

        Assert.Null(_business.Record.GetField("email"));
        Assert.Equal("123", _business.Record.GetField("phone"));

        // Re-granted: the customer re-asserts the value with a fresh stamp, which passes the watermark.
        _customer.WallMs += 5_000;
        _business.Record.Apply(_customer.Record.SetField("email", "in-flight@example.org", _customer.NextStamp()).Value);
        Assert.Equal("in-flight@example.org", _business.Record.GetField("email"));
    }

    [Fact]
    public void Restrict_withholds_fields_but_keeps_coverage()
    {
        _customer.Record.SetField("email", "c@example.org", _customer.NextStamp());
        _customer.Record.SetField("birthday", "1990-01-01", _customer.NextStamp());
        _customer.Record.AddTag("vip", _customer.NextStamp());

        var delta = _customer.Record.DeltaSince(_business.Record.Versions).Restrict(key => key == "email");
        Assert.True(_business.Record.Apply(delta));

        Assert.Equal(new Dictionary<string, string> { ["email"] = "c@example.org" }, _business.Record.Fields);
        Assert.Contains("vip", _business.Record.Tags);
        Assert.True(_customer.Record.DeltaSince(_business.Record.Versions).IsEmpty);
        Assert.Equal(["birthday"], _customer.Record.DeltaSince(VersionVector.Empty).FieldKeysRejectedBy(k => k == "email"));
    }

    [Fact]
    public void Lost_delta_is_reported_as_a_gap_and_repaired_by_delta_since()
    {
        var first = _customer.Record.SetField("email", "1", _customer.NextStamp()).Value;
        var second = _customer.Record.SetField("phone", "2", _customer.NextStamp()).Value;
        _ = first;

        Assert.False(_business.Record.Apply(second));
        Assert.Null(_business.Record.Versions.Get("customer"));

        Assert.True(_business.Record.Apply(_customer.Record.DeltaSince(_business.Record.Versions)));
        Assert.True(_business.Record.StateEquals(_customer.Record));
    }
}
