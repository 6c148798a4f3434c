
namespace Rapport.Libp2p.Multiformats;

/// <summary>Base58 with the Bitcoin alphabet (multibase 'z' when prefixed).</summary>
public static class Base58Btc
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static readonly sbyte[] Index = BuildIndex();

    // Peer ids and CIDs are short; this bound keeps the quadratic decoder cheap on hostile input.
    public const int MaxDecodedLength = 1024;

    private static sbyte[] BuildIndex()
    {
        var index = new sbyte[128];
        Array.Fill(index, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++)
        {
            index[Alphabet[i]] = (sbyte)i;
        }

        return index;
    }

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var zeros = 0;
        while (zeros < data.Length && data[zeros] == 0)
        {
            zeros++;
        }

        var size = ((data.Length - zeros) * 138 / 100) + 1;
        var digits = new byte[size];
        var length = 0;
        for (var i = zeros; i < data.Length; i++)
        {
            int carry = data[i];
            var j = 0;
            for (var k = size - 1; (carry != 0 || j < length) && k >= 0; k--, j++)
            {
                carry += 256 * digits[k];
                digits[k] = (byte)(carry % 58);
                carry /= 58;
            }

            length = j;
        }

        var start = size - length;
        while (start < size && digits[start] == 0)
        {
            start++;
        }

        var chars = new char[zeros + (size - start)];
        chars.AsSpan(0, zeros).Fill('1');
        for (var i = start; i < size; i++)
        {
            chars[zeros + i - start] = Alphabet[digits[i]];
        }

        return new string(chars);
    }

    public static Result<byte[]> Decode(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxDecodedLength * 2)
        {
            return new Error(EncodingErrors.Base58TooLong, $"base58btc text is longer than {MaxDecodedLength * 2} characters");
        }

        var zeros = 0;
        while (zeros < text.Length && text[zeros] == '1')
        {
            zeros++;
        }

        var size = ((text.Length - zeros) * 733 / 1000) + 1;
        var bytes = new byte[size];
        var length = 0;
        for (var i = zeros; i < text.Length; i++)
        {
            var c = text[i];
            var digit = c < 128 ? Index[c] : -1;
            if (digit < 0)
            {
                return new Error(EncodingErrors.Base58InvalidChar, $"'{c}' at position {i} is not a base58btc character");
            }

            int carry = digit;
            var j = 0;
            for (var k = size - 1; (carry != 0 || j < length) && k >= 0; k--, j++)
            {
                carry += 58 * bytes[k];
                bytes[k] = (byte)(carry & 0xFF);
                carry >>= 8;
            }

            length = j;
        }

        var start = size - length;
        while (start < size && bytes[start] == 0)
        {
            start++;
        }

        var result = new byte[zeros + (size - start)];
        bytes.AsSpan(start).CopyTo(result.AsSpan(zeros));
        return result;
    }
}
