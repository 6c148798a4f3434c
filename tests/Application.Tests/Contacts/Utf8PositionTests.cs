using System.Text;
using Rapport.Application.Common.Csv;

namespace Rapport.Application.Tests.Contacts;

public sealed class Utf8PositionTests
{
    [Fact]
    public async Task Names_the_line_and_byte_of_the_first_invalid_byte_far_past_the_first_buffer()
    {
        // Multi-byte characters straddle the scan's buffer boundaries; only the lone 0xE9 on line 20,001 is invalid.
        var text = new StringBuilder();
        for (var i = 0; i < 20_000; i++)
        {
            text.Append("Zoë Ångström,zoë@example.org\n");
        }

        var bytes = new List<byte>(Encoding.UTF8.GetBytes(text.ToString()));
        bytes.AddRange(Encoding.ASCII.GetBytes("Jos"));
        bytes.Add(0xE9);
        bytes.AddRange(Encoding.ASCII.GetBytes(",jose@example.org\n"));

        var at = await Utf8Position.FindFirstInvalidAsync(new MemoryStream([.. bytes]));

        Assert.Equal(new Utf8Position(20_001, 4), at);
    }

    [Fact]
    public async Task Valid_utf8_and_a_truncated_character_at_the_end()
    {
        Assert.Null(await Utf8Position.FindFirstInvalidAsync(new MemoryStream(Encoding.UTF8.GetBytes("a,b\nZoë,c\n"))));
        Assert.Equal(new Utf8Position(2, 3), await Utf8Position.FindFirstInvalidAsync(new MemoryStream([(byte)'a', (byte)'\n', (byte)'x', (byte)'y', 0xC3])));
    }
}
