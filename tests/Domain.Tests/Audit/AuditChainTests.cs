using Rapport.Domain.Audit;

namespace Rapport.Domain.Tests.Audit;

public sealed class AuditChainTests
{
    private static List<AuditEntry> Chain(int length)
    {
        var entries = new List<AuditEntry>();
        AuditEntry? previous = null;
        for (var i = 0; i < length; i++)
        {
            previous = AuditEntry.Append(previous, new AuditEvent(new DateTimeOffset(2026, 1, 1, 0, 0, i, TimeSpan.Zero), "cli", "consent.granted", "c", "c", $"n={i}"));
            entries.Add(previous);
        }

        return entries;
    }

    [Fact]
    public void An_untouched_chain_verifies()
    {
        var chain = Chain(10);
        var result = AuditChain.Verify(chain);
        Assert.Equal(10, result.Value.Entries);
        Assert.Equal(chain[^1].Hash, result.Value.HeadHash);
        Assert.Equal(0, AuditChain.Verify([]).Value.Entries);
    }

    [Fact]
    public void An_edited_entry_is_named()
    {
        var chain = Chain(10);
        chain[4] = chain[4] with { Event = chain[4].Event with { Detail = "n=999" } };
        var error = AuditChain.Verify(chain).Error;
        Assert.Equal(AuditErrors.ContentEdited, error.Code);
        Assert.Equal("5", error.Field);
        Assert.StartsWith("audit log broken at entry 5: content edited", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deleted_entry_is_named()
    {
        var chain = Chain(10);
        chain.RemoveAt(6);
        var error = AuditChain.Verify(chain).Error;
        Assert.Equal(AuditErrors.EntryMissing, error.Code);
        Assert.Equal("7", error.Field);
    }

    [Fact]
    public void Swapped_entries_are_reported_as_reordered()
    {
        var chain = Chain(10);
        // As a store sees it: rows keep their position (sequence) while their content trades places.
        (chain[2], chain[3]) = (chain[3] with { Sequence = 3 }, chain[2] with { Sequence = 4 });
        var error = AuditChain.Verify(chain).Error;
        Assert.Equal(AuditErrors.Reordered, error.Code);
        Assert.Equal("3", error.Field);
        Assert.Contains("position 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_moved_with_their_sequence_show_as_a_jump()
    {
        var chain = Chain(10);
        (chain[2], chain[3]) = (chain[3], chain[2]);
        var error = AuditChain.Verify(chain).Error;
        Assert.Equal(AuditErrors.EntryMissing, error.Code);
        Assert.Equal("3", error.Field);
    }

    [Fact]
    public void A_forged_entry_with_a_consistent_hash_breaks_the_link()
    {
        var chain = Chain(10);
        var forgedEvent = chain[5].Event with { Detail = "forged" };
        chain[5] = new AuditEntry(6, forgedEvent, chain[5].PreviousHash.Replace('0', '1'), "");
        chain[5] = chain[5] with { Hash = AuditEntry.ComputeHash(6, forgedEvent, chain[5].PreviousHash) };
        var error = AuditChain.Verify(chain).Error;
        Assert.Equal(AuditErrors.LinkBroken, error.Code);
        Assert.Equal("6", error.Field);
    }
}
