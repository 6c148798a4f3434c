using Rapport.Libp2p.Protocols;

namespace Rapport.Libp2p.Tests.Protocols;

/// <summary>Random and mutated identify messages: the decoder returns a value or a clear error, never throws.</summary>
public class IdentifyFuzzTests
{
    [Fact]
    public void Random_and_mutated_messages_never_throw()
    {
        var random = new Random(4242);
        var valid = IdentifyCodec.Encode(IdentifyProtocolTests.Sample());
        var failures = 0;
        const int Cases = 150_000;
        for (var i = 0; i < Cases; i++)
        {
            byte[] input;
            if (i % 3 == 0)
            {
                input = new byte[random.Next(0, 80)];
                random.NextBytes(input);
            }
            else
            {
                input = (byte[])valid.Clone();
                var mutations = random.Next(1, 5);
                for (var m = 0; m < mutations; m++)
                {
                    var at = random.Next(input.Length);
                    switch (random.Next(3))
                    {
                        case 0:
                            input[at] ^= (byte)(1 << random.Next(8));
                            break;
                        case 1:
                            input[at] = (byte)random.Next(256);
                            break;
                        default:
                            input = input[..Math.Max(1, at)];
                            break;
                    }
                }
            }

            var result = IdentifyCodec.Decode(input);
            if (result.IsFailure)
            {
                failures++;
                Assert.StartsWith("malformed identify message", result.Error.Message, StringComparison.Ordinal);
            }
            else
            {
                // Whatever decoded must encode again without error.
                IdentifyCodec.Encode(result.Value);
            }
        }

        Assert.InRange(failures, Cases / 10, Cases - (Cases / 20));
    }
}
