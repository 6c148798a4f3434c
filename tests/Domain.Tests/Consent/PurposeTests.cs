using FsCheck;
using FsCheck.Fluent;
using Rapport.Domain.Consent;

namespace Rapport.Domain.Tests.Consent;

public sealed class PurposeTests
{
    [Theory]
    [InlineData("analytics")]
    [InlineData("marketing.email")]
    [InlineData("data_share")]
    [InlineData("a.b2.c_d")]
    public void Valid_keys_parse(string key) => Assert.Equal(key, Purpose.Parse(key).Value.Key);

    [Theory]
    [InlineData("")]
    [InlineData("Marketing")]
    [InlineData("marketing.")]
    [InlineData(".marketing")]
    [InlineData("marketing..email")]
    [InlineData("1abc")]
    [InlineData("mark eting")]
    [InlineData(null)]
    public void Invalid_keys_are_rejected_with_a_clear_error(string? key)
    {
        var result = Purpose.Parse(key);
        Assert.True(result.IsFailure);
        Assert.Equal(ConsentErrors.PurposeInvalid, result.Error.Code);
    }

    [Fact]
    public void Ancestors_are_nearest_first()
    {
        var purpose = Purpose.Parse("marketing.email.weekly").Value;
        Assert.Equal(["marketing.email", "marketing"], purpose.Ancestors);
        Assert.True(purpose.IsChildOf(Purpose.Marketing));
        Assert.False(Purpose.Marketing.IsChildOf(purpose));
        Assert.False(Purpose.Parse("marketingx").Value.IsChildOf(Purpose.Marketing));
    }

    [Fact]
    public void Parsing_never_throws_on_arbitrary_text() =>
        Prop.ForAll<string>(text =>
        {
            var result = Purpose.Parse(text);
            return result.IsFailure || result.Value.Key == text;
        }).QuickCheckThrowOnFailure();
}
