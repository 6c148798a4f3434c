using System.Text;
using Rapport.Host.Cli.Consent;
using Rapport.Host.Control;

namespace Rapport.Host.Tests.Daemon;

/// <summary>
/// Random and mutated input for the decoders of untrusted text: control request lines, the line reader and consent
/// proof files. Every input gets a result (request or error), never an exception.
/// </summary>
public sealed class ControlInputFuzzTests
{
    private const int Cases = 100_000;

    private static readonly string[] Seeds =
    [
        """{"command":"share.request","args":{"customer":"12D3KooWabc","fields":{"email":"view"},"purposes":["a"],"days":30,"reason":"r"}}""",
        """{"command":"requests.accept","args":{"id":"0b5c4e3a8d1f4a6b9c2d7e8f90a1b2c3","fields":null}}""",
        """{"command":"node.status"}""",
        """{"format":"rapport.consent-proof.v1","grant":{"canonical":"AAAA","signature":"AAAA","signerPublicKey":"CAESIA=="},"receipt":{"grantSha256":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=","version":1,"receivedAtMs":5,"signature":"AA==","signerPublicKey":"AA=="}}""",
    ];

    [Fact]
    public void Request_lines_and_proof_files_never_throw_on_random_or_mutated_input()
    {
        // Exceptions inside the JSON parser (caught, turned into errors) make each case slow-ish: spread them over the cores.
        Parallel.For(0, Cases, i =>
        {
            var random = new Random(20261122 + i);
            var text = i % 4 == 0 ? RandomText(random) : Mutate(Seeds[random.Next(Seeds.Length)], random);
            var request = ControlProtocol.ParseRequest(text);
            if (request.IsSuccess)
            {
                var args = new ControlArgs(request.Value.Args);
                _ = args.String("id");
                _ = args.Int("days");
                _ = args.Strings("purposes");
                _ = args.StringMap("fields");
            }

            _ = ConsentProofFile.Parse(text);
        });
    }

    [Fact]
    public async Task The_line_reader_splits_any_byte_stream_into_bounded_lines()
    {
        var random = new Random(7);
        for (var i = 0; i < 2_000; i++)
        {
            var bytes = new byte[random.Next(0, 4096)];
            random.NextBytes(bytes);
            foreach (var _ in Enumerable.Range(0, random.Next(0, 8)))
            {
                if (bytes.Length > 0)
                {
                    bytes[random.Next(bytes.Length)] = (byte)'\n';
                }
            }

            var reader = new LineReader(new MemoryStream(bytes));
            var lines = 0;
            while (await reader.ReadLineAsync(default) is { } line)
            {
                Assert.False(line.TooLong);
                lines++;
            }

            Assert.True(lines <= bytes.Count(b => b == (byte)'\n') + 1);
        }

        var huge = new LineReader(new MemoryStream(Encoding.ASCII.GetBytes(new string('a', ControlProtocol.MaxLineLength + 1) + "\n{}\n")));
        Assert.True((await huge.ReadLineAsync(default))!.TooLong);
    }

    private static string RandomText(Random random)
    {
        var chars = new char[random.Next(0, 200)];
        const string alphabet = "{}[]\":,0123456789.-eE truefalsnl\\u\n\rabcdcommandargsformatgrant";
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = random.Next(10) == 0 ? (char)random.Next(0, 0xD7FF) : alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    private static string Mutate(string seed, Random random)
    {
        var builder = new StringBuilder(seed);
        for (var m = random.Next(1, 6); m > 0 && builder.Length > 0; m--)
        {
            var at = random.Next(builder.Length);
            switch (random.Next(4))
            {
                case 0:
                    builder.Remove(at, Math.Min(random.Next(1, 8), builder.Length - at));
                    break;
                case 1:
                    const string punctuation = "{}[]\":,-0x9\\";
                    builder.Insert(at, punctuation[random.Next(punctuation.Length)]);
                    break;
                case 2:
                    builder[at] = (char)random.Next(32, 127);
                    break;
                default:
                    builder.Insert(at, random.Next(2) == 0 ? "99999999999999999999" : "null");
                    break;
            }
        }

        return builder.ToString();
    }
}
