using Rapport.Domain.Consent;

namespace Rapport.Domain.Tests.Consent;

/// <summary>One spelling of a field everywhere: a profile field is its name, custom and preference fields are prefixed.</summary>
public sealed class FieldKeyTests
{
    [Theory]
    [InlineData("email", "profile.*")]
    [InlineData("address.city", "profile.*")]
    [InlineData("x-tier", "profile.*")]
    [InlineData("preferences.language", "preferences.*")]
    [InlineData("custom.vip_level", "custom.*")]
    [InlineData("custom.a-b", "custom.*")]
    [InlineData("interactions", null)]
    [InlineData("profile.*", null)]
    [InlineData("custom.*", null)]
    public void Valid_fields_parse_with_their_wildcard(string key, string? wildcard)
    {
        var field = FieldKey.Parse(key).Value;
        Assert.Equal(key, field.Key);
        Assert.Equal(wildcard, field.Wildcard);
    }

    [Theory]
    [InlineData("E-mail")]
    [InlineData("1st")]
    [InlineData("address..city")]
    [InlineData("address.")]
    [InlineData(".email")]
    [InlineData("email*")]
    [InlineData("secret.*")]
    [InlineData("")]
    public void Invalid_fields_are_rejected(string key) => Assert.Equal(ConsentErrors.FieldInvalid, FieldKey.Parse(key).Error.Code);

    [Fact]
    public void The_old_profile_spelling_is_refused_with_the_one_spelling()
    {
        var refused = FieldKey.Parse("profile.email");

        Assert.Equal(ConsentErrors.FieldInvalid, refused.Error.Code);
        Assert.Contains("'email'", refused.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_named_by_a_grant_in_the_old_spelling_reads_in_the_one_spelling()
    {
        Assert.Equal("email", FieldKey.Named("profile.email").Key);
        Assert.Equal("address.city", FieldKey.Named("address.city").Key);
        Assert.Throws<ArgumentException>(() => FieldKey.Named("Email"));
    }

    [Fact]
    public void The_longest_field_is_128_characters()
    {
        Assert.True(FieldKey.IsValid("a" + new string('b', 127)));
        Assert.False(FieldKey.IsValid("a" + new string('b', 128)));
    }
}
