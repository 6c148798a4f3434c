
namespace Rapport.Libp2p.Multiformats;

/// <summary>RFC 4648 base32, lower case, no padding (multibase 'b' when prefixed).</summary>
public static class Base32
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var chars = new char[((data.Length * 8) + 4) / 5];
        var buffer = 0;
        var bits = 0;
        var o = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                chars[o++] = Alphabet[(buffer >> bits) & 31];
            }
        }

        if (bits > 0)
        {
            chars[o++] = Alphabet[(buffer << (5 - bits)) & 31];
        }

        return new string(chars, 0, o);
    }

    public static Result<byte[]> Decode(ReadOnlySpan<char> text)
    {
        // Lengths that leave 1, 3 or 6 characters in the last group cannot come from whole bytes.
        var rem = text.Length % 8;
        if (rem is 1 or 3 or 6)
        {
            return new Error(EncodingErrors.Base32Length, $"base32 text of length {text.Length} is not a whole number of bytes");
        }

        var result = new byte[text.Length * 5 / 8];
        var buffer = 0;
        var bits = 0;
        var o = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            int v = c switch
            {
                >= 'a' and <= 'z' => c - 'a',
                >= '2' and <= '7' => c - '2' + 26,
                _ => -1,
            };
            if (v < 0)
            {
                return new Error(EncodingErrors.Base32InvalidChar, $"'{c}' at position {i} is not a lower-case base32 character");
            }

            buffer = ((buffer << 5) | v) & 0xFFFF;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                result[o++] = (byte)(buffer >> bits);
            }
        }

        if ((buffer & ((1 << bits) - 1)) != 0)
        {
            return new Error(EncodingErrors.Base32PaddingBits, "base32 text has non-zero trailing bits");
        }

        return result;
    }
}
