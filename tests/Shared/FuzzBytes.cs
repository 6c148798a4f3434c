namespace Rapport.Tests.Shared;

/// <summary>
/// Inputs for the decoder fuzz tests: random bytes, and valid encodings mutated the ways a broken or hostile peer
/// would (bit flips, overwritten, dropped, inserted and truncated bytes). Linked into each test project that fuzzes.
/// </summary>
internal static class FuzzBytes
{
    public static byte[] Random(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>One to three edits of <paramref name="seed"/>; the seed itself is left unchanged.</summary>
    public static byte[] Mutate(Random random, byte[] seed)
    {
        var bytes = seed.ToList();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 2:
                    bytes.RemoveAt(at);
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
            }
        }

        return [.. bytes];
    }
}
