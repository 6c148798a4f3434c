using Rapport.Domain.Contacts;
using Rapport.Domain.Interactions;

namespace Rapport.Domain.Tests.Interactions;

public sealed class InteractionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("15m", 15)]
    [InlineData("1h30m", 90)]
    [InlineData("2h", 120)]
    [InlineData("00:45:00", 45)]
    [InlineData("1:05", 65)]
    public void Durations_parse(string text, int minutes) => Assert.Equal(TimeSpan.FromMinutes(minutes), InteractionDuration.Parse(text).Value);

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5m")]
    [InlineData("15x")]
    public void Bad_durations_name_the_field(string text) => Assert.Equal("duration", InteractionDuration.Parse(text).Error.Field);

    [Fact]
    public void Timeline_is_newest_first_and_contact_tracks_latest_interaction()
    {
        var contact = new ContactId(Guid.NewGuid());
        var entries = new[] { 3, 1, 2 }.Select(h =>
            Interaction.Create(new InteractionId(Guid.NewGuid()), contact, InteractionType.Meeting, $"m{h}", null, T0.AddHours(h), null, "cli").Value).ToList();
        Assert.Equal(["m3", "m2", "m1"], Timeline.Of(contact, entries).Entries.Select(e => e.Summary));

        var c = Contact.Create(contact, ContactDetails.Named(PersonName.Create("Ada").Value), T0).InteractedAt(T0.AddHours(3));
        Assert.Equal(T0.AddHours(3), c.InteractedAt(T0.AddHours(1)).LastInteractionAt);
        Assert.True(Interaction.Create(new InteractionId(Guid.NewGuid()), contact, InteractionType.Call, "x", null, T0, TimeSpan.FromDays(8), "cli").IsFailure);
    }
}
