using Rapport.Application.Common;
using Rapport.Domain.SharedRecords;

namespace Rapport.Application.SharedRecords;

/// <summary>
/// Customer side, protocol/sharing.md §6.4: writes the customer's own value of fields again with a fresh stamp, so it
/// wins over a refused business write, or reaches a business that was not entitled to the old write when it was made.
/// The value comes from the profile, else from the record itself; a field with neither is cleared only if the record
/// holds a register for it.
/// </summary>
internal static class Reassertion
{
    public static async Task<RecordChanges> ReassertAsync(
        IUnitOfWork work, NodeClock clock, SharedRecord record, IEnumerable<string> fieldKeys, CancellationToken cancellationToken)
    {
        var written = new List<string>();
        foreach (var key in fieldKeys.Distinct(StringComparer.Ordinal))
        {
            var value = await work.Profile.FindAsync(key, cancellationToken).ConfigureAwait(false) ?? record.GetField(key);
            if (value is null && record.GetRegister(key) is null)
            {
                continue;
            }

            var stamp = clock.Now(record);
            var write = value is null ? record.ClearField(key, stamp) : record.SetField(key, value, stamp);
            if (write.IsSuccess)
            {
                written.Add(key);
            }
        }

        return RecordChanges.OfFields(written);
    }
}
