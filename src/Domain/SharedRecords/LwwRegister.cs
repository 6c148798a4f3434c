namespace Rapport.Domain.SharedRecords;

/// <summary>
/// A last-writer-wins register: one value (or a tombstone, when the value was cleared) stamped with the hybrid
/// logical clock reading of the write. Merge keeps the write with the greater stamp. Stamps are unique per write
/// (they carry the writer's node id), so equal stamps mean the same write; should two different writes ever carry
/// the same stamp anyway, the tombstone and then the ordinally greater value win, so merge stays deterministic.
/// </summary>
public sealed record LwwRegister<T>
    where T : notnull
{
    private static readonly IComparer<T> ValueOrder =
        typeof(T) == typeof(string) ? (IComparer<T>)(object)StringComparer.Ordinal : Comparer<T>.Default;

    private LwwRegister(T? value, bool isCleared, HlcTimestamp stamp)
    {
        Value = value;
        IsCleared = isCleared;
        Stamp = stamp;
    }

    /// <summary>The value, or default when <see cref="IsCleared"/>.</summary>
    public T? Value { get; }

    public bool IsCleared { get; }

    public HlcTimestamp Stamp { get; }

    public static LwwRegister<T> Set(T value, HlcTimestamp stamp) =>
        new(value ?? throw new ArgumentNullException(nameof(value)), false, stamp);

    public static LwwRegister<T> Cleared(HlcTimestamp stamp) => new(default, true, stamp);

    public LwwRegister<T> Merge(LwwRegister<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var byStamp = Stamp.CompareTo(other.Stamp);
        if (byStamp != 0)
        {
            return byStamp > 0 ? this : other;
        }

        if (IsCleared || other.IsCleared)
        {
            return IsCleared ? this : other;
        }

        return ValueOrder.Compare(Value!, other.Value!) >= 0 ? this : other;
    }
}
