using Rapport.Domain.Access;

namespace Rapport.Domain.Tests.Access;

public sealed class AdminPassphraseTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("            ")]
    [InlineData("elevenchars")]
    [InlineData("🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑")]
    public void Fewer_than_twelve_characters_is_too_short(string? text) =>
        Assert.Equal(AccessErrors.PassphraseTooShort, AdminPassphrase.Parse(text).Error.Code);

    [Theory]
    [InlineData("twelve chars")]
    [InlineData("🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑")]
    [InlineData("éèêëéèêëéèêë")]
    public void Twelve_characters_are_enough_counted_as_people_see_them(string text)
    {
        var parsed = AdminPassphrase.Parse(text);

        Assert.True(parsed.IsSuccess);
        Assert.Equal(text, parsed.Value.Value);
        Assert.DoesNotContain(text, parsed.Value.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_1024_characters_is_too_long()
    {
        Assert.True(AdminPassphrase.Parse(new string('a', 1024)).IsSuccess);
        Assert.Equal(AccessErrors.PassphraseTooLong, AdminPassphrase.Parse(new string('a', 1025)).Error.Code);
    }
}
