using System.CommandLine;
using Rapport.Application.Partners;
using Spectre.Console;

namespace Rapport.Host.Cli.Partners;

/// <summary>`rapport partners add|list|revoke`: API keys for systems calling the gRPC partner API.</summary>
public static class PartnersCommands
{
    public static Command Build()
    {
        var partners = new Command("partners", "Manage partner API keys (scopes, rate limits, revocation).");
        partners.Subcommands.Add(Add());
        partners.Subcommands.Add(List());
        partners.Subcommands.Add(Revoke());
        return partners;
    }

    private static Command Add()
    {
        var name = new Argument<string>("NAME") { Description = "The partner's name (letters, digits, - _ .)." };
        var scopes = new Option<string>("--scopes") { Required = true, Description = $"Comma-separated: {string.Join(",", PartnerScopes.All)}." };
        var rate = new Option<string?>("--rate") { Description = "Rate limit, e.g. 50/s, 600/m (default 50/s)." };
        var command = new Command("add", "Register a partner and print its API key (shown once).") { name, scopes, rate };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var result = await node.Get<AddPartner>()
                .ExecuteAsync(ctx.Value(name), ctx.Value(scopes), ctx.Parse.GetValue(rate), cancellationToken: ct).ConfigureAwait(false);
            if (!result.TryGetValue(out var added))
            {
                return ctx.Fail(result.Error);
            }

            if (ctx.Json)
            {
                ctx.WriteJson(new { name = added.Partner.Name, keyId = added.Partner.KeyId, scopes = added.Partner.Scopes, rate = added.Partner.Rate.ToString(), apiKey = added.ApiKey });
            }
            else
            {
                System.Console.Out.WriteLine($"added partner {added.Partner.Name} (key id {added.Partner.KeyId}, scopes {string.Join(',', added.Partner.Scopes)}, rate {added.Partner.Rate})");
                System.Console.Out.WriteLine($"API key (shown once, store it now): {added.ApiKey}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List partners (keys are never shown).");
        CliAction.Set(command, async (ctx, ct) =>
        {
            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var partners = await node.Get<ListPartners>().ExecuteAsync(ct).ConfigureAwait(false);
            if (ctx.Json)
            {
                ctx.WriteJson(partners.Select(p => new { name = p.Name, keyId = p.KeyId, scopes = p.Scopes, rate = p.Rate.ToString(), createdAt = p.CreatedAt, revokedAt = p.RevokedAt }));
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Name", "Key id", "Scopes", "Rate", "Status");
            foreach (var p in partners)
            {
                table.AddRow(Markup.Escape(p.Name), p.KeyId, Markup.Escape(string.Join(',', p.Scopes)), p.Rate.ToString(), p.IsRevoked ? "revoked" : "active");
            }

            ctx.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Revoke()
    {
        var name = new Argument<string>("NAME") { Description = "The partner to revoke." };
        var command = new Command("revoke", "Revoke a partner's API key; its next call is refused.") { name };
        CliAction.Set(command, async (ctx, ct) =>
        {
            var node = await ctx.OpenNodeAsync(ct).ConfigureAwait(false);
            var result = await node.Get<RevokePartner>().ExecuteAsync(ctx.Value(name), cancellationToken: ct).ConfigureAwait(false);
            if (!result.TryGetValue(out var partner))
            {
                return ctx.Fail(result.Error);
            }

            System.Console.Out.WriteLine($"revoked partner {partner.Name} (key id {partner.KeyId})");
            return ExitCodes.Ok;
        });
        return command;
    }
}
