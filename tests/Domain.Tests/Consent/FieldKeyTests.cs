using Rapport.Domain.Consent;

namespace Rapport.Domain.Tests.Consent;

public sealed class FieldKeyTests
{
    [Theory]
    [InlineData("profile.email", "profile.*")]
    [InlineData("preferences.language", "preferences.*")]
    [InlineData("custom.vip_level", "custom.*")]
    [InlineData("interactions", null)]
    [InlineData("profile.*", null)]
    [InlineData("profile.address.city", "profile.*")]
    [InlineData("profile.x-tier", "profile.*")]
    public void Valid_fields_parse_with_their_wildcard(string key, string? wildcard)
    {
        var field = FieldKey.Parse(key).Value;
        Assert.Equal(key, field.Key);
        Assert.Equal(wildcard, field.Wildcard);
    }

    [Theory]
    [InlineData("email")]
    [InlineData("profile.")]
    [InlineData("secret.email")]
    [InlineData("profile.E-mail")]
    [InlineData("profile.1st")]
    [InlineData("custom.a.b")]
    [InlineData("")]
    public void Invalid_fields_are_rejected(string key) => Assert.Equal(ConsentErrors.FieldInvalid, FieldKey.Parse(key).Error.Code);
}
