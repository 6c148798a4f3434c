using FsCheck;
using FsCheck.Fluent;
using Rapport.Domain.Contacts;
using Rapport.Domain.Peers;

namespace Rapport.Domain.Tests.Contacts;

public sealed class ValueObjectTests
{
    [Theory]
    [InlineData("Ada@Example.ORG", "Ada@example.org")]
    [InlineData(" o'brien+crm@mail.example.co.uk ", "o'brien+crm@mail.example.co.uk")]
    public void Valid_emails_are_normalised(string input, string expected) => Assert.Equal(expected, EmailAddress.Create(input).Value.Value);

    [Theory]
    [InlineData("")]
    [InlineData("ada")]
    [InlineData("ada@")]
    [InlineData("@example.org")]
    [InlineData("a..b@example.org")]
    [InlineData("ada@example")]
    [InlineData("ada@-example.org")]
    [InlineData("ada lovelace@example.org")]
    [InlineData("ada@127.0.0.1")]
    public void Invalid_emails_name_the_field(string input) => Assert.Equal("email", EmailAddress.Create(input).Error.Field);

    [Theory]
    [InlineData("+41 44 668 18 00", "+41446681800")]
    [InlineData("0044 (20) 7946-0958", "+442079460958")]
    [InlineData("+1.212.555.0100", "+12125550100")]
    public void Phone_numbers_are_normalised_to_e164(string input, string expected) => Assert.Equal(expected, PhoneNumber.Create(input).Value.Value);

    [Theory]
    [InlineData("044 668 18 00")]
    [InlineData("+41 44")]
    [InlineData("+1234567890123456")]
    [InlineData("+41 44 abc")]
    [InlineData("+0123456789")]
    public void Invalid_phone_numbers_are_rejected(string input) => Assert.Equal("phone", PhoneNumber.Create(input).Error.Field);

    [Fact]
    public void Names_are_trimmed_collapsed_and_bounded()
    {
        Assert.Equal("Ada Lovelace", PersonName.Create("  Ada \t Lovelace ").Value.Value);
        Assert.True(PersonName.Create(" ").IsFailure);
        Assert.True(PersonName.Create(new string('x', PersonName.MaxLength + 1)).IsFailure);
    }

    [Fact]
    public void Tags_are_normalised_and_distinct()
    {
        var tags = TagSet.Parse(["VIP", "vip", "Key Account", "b"]).Value;
        Assert.Equal(["b", "key-account", "vip"], tags.Values);
        Assert.True(TagSet.Parse(["ok", "not ok!"]).IsFailure);
    }

    [Theory]
    [InlineData("seats=number:12.5", "seats=number:12.5")]
    [InlineData("Renewal=date:2027-01-31", "renewal=date:2027-01-31")]
    [InlineData("vip=bool:yes", "vip=bool:true")]
    [InlineData("note=text:a=b:c", "note=text:a=b:c")]
    public void Custom_fields_parse_into_typed_values(string input, string canonical) => Assert.Equal(canonical, CustomField.Parse(input).Value.ToString());

    [Theory]
    [InlineData("seats=number:1,5", "fields.seats")]
    [InlineData("renewal=date:31.01.2027", "fields.renewal")]
    [InlineData("vip=bool:maybe", "fields.vip")]
    [InlineData("x=color:red", "fields.x")]
    [InlineData("1x=text:a", "fields")]
    [InlineData("novalue", "fields")]
    public void Invalid_custom_fields_name_the_field(string input, string field) => Assert.Equal(field, CustomField.Parse(input).Error.Field);

    [Fact]
    public void Peer_ids_must_look_like_libp2p_ids()
    {
        Assert.True(PeerId.Parse("12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA").IsSuccess);
        Assert.True(PeerId.Parse("12D3KooW0000000000000000000000000000000000000000000").IsFailure);
        Assert.True(PeerId.Parse("hello").IsFailure);
    }

    [Fact]
    public void Email_factory_never_throws_and_accepted_values_are_stable()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text =>
        {
            var first = EmailAddress.Create(text);
            return first.IsFailure || EmailAddress.Create(first.Value.Value).Value == first.Value;
        }).QuickCheckThrowOnFailure();
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text =>
        {
            var first = PhoneNumber.Create(text);
            return first.IsFailure || PhoneNumber.Create(first.Value.Value).Value == first.Value;
        }).QuickCheckThrowOnFailure();
    }
}
