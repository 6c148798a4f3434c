using System.CommandLine;
using Rapport.Application.Consent.Show;
using Rapport.Domain.Consent;
using Rapport.Domain.Policy;
using Spectre.Console;

namespace Rapport.Host.Cli.Consent;

/// <summary>`rapport consent show --contact ID`: every purpose's consent state with its history.</summary>
internal static class ConsentShowCli
{
    public static Command Create()
    {
        var contact = new Option<string>("--contact") { Required = true, Description = "The contact's id." };
        var command = new Command("show", "Show a contact's consent now: status per purpose, shared fields, versions and history.") { contact };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var id = CliInput.Contact(ctx.Value(contact));
            if (id.IsFailure)
            {
                return ctx.Fail(id.Error);
            }

            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var result = await node.Get<ShowConsent>().ExecuteAsync(id.Value, ct).ConfigureAwait(false);
            if (!result.TryGetValue(out var overview))
            {
                return ctx.Fail(result.Error);
            }

            if (ctx.Json)
            {
                ctx.WriteJson(new
                {
                    contact = overview.Contact.ToString(),
                    at = overview.At,
                    snapshotHash = overview.Snapshot.Hash,
                    purposes = overview.Purposes.Select(p => ConsentJson.Of(p.Current, p.Status)).ToList(),
                    fields = overview.Fields.ToDictionary(f => f.Field, f => f.Level.ToKey()),
                    history = overview.History.Select(g => ConsentJson.Of(g, null)).ToList(),
                });
                return ExitCodes.Ok;
            }

            Render(overview);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Render(ConsentOverview overview)
    {
        var console = CliInput.Out();
        console.WriteLine($"consent of {overview.Contact} at {CliInput.Format(overview.At)} (snapshot {overview.Snapshot.Hash})");
        if (overview.Purposes.Count == 0)
        {
            console.WriteLine("no consent recorded: every purpose is unknown, so policy denies");
            return;
        }

        var purposes = new Table().AddColumns("purpose", "status", "basis", "version", "from", "until", "source");
        foreach (var p in overview.Purposes)
        {
            purposes.AddRow(
                Markup.Escape(p.Purpose.Key), p.Status.ToKey(), p.Current.Basis.ToKey(), p.Current.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                CliInput.Format(p.Current.EffectiveFrom), CliInput.Format(p.Current.ExpiresAt), Markup.Escape(p.Current.Source.Describe()));
        }

        console.Write(purposes);
        if (overview.Fields.Count > 0)
        {
            var fields = new Table().AddColumns("field", "level now");
            foreach (var f in overview.Fields)
            {
                fields.AddRow(Markup.Escape(f.Field), f.Level.ToKey());
            }

            console.Write(fields);
        }

        var history = new Table().Title("history").AddColumns("purpose", "version", "issued", "from", "until", "revoked", "fields");
        foreach (var g in overview.History)
        {
            history.AddRow(
                Markup.Escape(g.Purpose.Key), g.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), CliInput.Format(g.IssuedAt),
                CliInput.Format(g.EffectiveFrom), CliInput.Format(g.ExpiresAt), CliInput.Format(g.RevokedAt),
                Markup.Escape(string.Join(", ", g.Fields.Select(f => $"{f.Key}={f.Value.ToKey()}"))));
        }

        console.Write(history);
    }
}
