using System.Net;
using Rapport.Adapters.Web.Hosting;
using Rapport.Adapters.Web.Tests.Support;
using Rapport.Application.Audit.Query;
using Rapport.Application.Contacts;
using Rapport.Domain.Contacts;

namespace Rapport.Adapters.Web.Tests.Console;

public sealed class EditContactTests
{
    private static async Task<(WebNode Node, ContactId Id)> StartAsync()
    {
        ContactId id = default!;
        var node = await WebNode.StartAsync(seed: async opened =>
            id = (await opened.Get<CreateContact>().ExecuteAsync(new ContactInput("Ada Lovelace", "ada@old.example", Tags: ["vip", "old"], Fields: ["plan=text:basic"]))).Value.Id);
        return (node, id);
    }

    [Fact]
    public async Task The_edit_form_starts_from_the_stored_values_and_saves_changes_audited_as_the_console()
    {
        var (node, id) = await StartAsync();
        await using var _ = node;
        using var client = await node.SignedInClientAsync();
        var form = await client.PageAsync($"/contacts/{id}/edit");
        Assert.Contains("value=\"ada@old.example\"", form, StringComparison.Ordinal);
        Assert.Contains("value=\"old vip\"", form, StringComparison.Ordinal);

        using var saved = await client.SubmitAsync($"/contacts/{id}/edit", ContactsPageTests.Form(
            ("Name", "Ada King"), ("Email", "ada@new.example"), ("Phone", ""), ("Company", "Analytical Engines"), ("Tags", "vip"), ("Fields", "plan=text:gold")));
        Assert.Equal(HttpStatusCode.Found, saved.StatusCode);
        var contact = (await node.Get<ShowContactForPurpose>().ExecuteAsync(id, null, "test")).Value;
        Assert.Equal(("Ada King", "ada@new.example", "Analytical Engines"), (contact.Name.Value, contact.Email!.Value, contact.Company!.Value));
        Assert.Equal(["vip"], contact.Tags.Values);
        Assert.Equal("gold", contact.Fields["plan"]!.Text);
        var audit = (await node.Get<QueryAuditLog>().ExecuteAsync(new AuditLogQuery(null, id, 100))).Value;
        Assert.Contains(audit, e => e.Event.Actor == WebConsole.Actor && e.Event.Action == "contact.updated");
    }

    [Fact]
    public async Task A_bad_value_is_named_next_to_its_field_the_form_keeps_what_was_typed_and_nothing_changes()
    {
        var (node, id) = await StartAsync();
        await using var _ = node;
        using var client = await node.SignedInClientAsync();
        using var refused = await client.SubmitAsync($"/contacts/{id}/edit", ContactsPageTests.Form(("Name", "Ada"), ("Email", "nope"), ("Tags", "vip")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"email-problem\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"nope\"", html, StringComparison.Ordinal);
        Assert.Equal("ada@old.example", (await node.Get<ShowContactForPurpose>().ExecuteAsync(id, null, "test")).Value.Email!.Value);

        using var forged = await client.PostAsync($"/contacts/{id}/edit", ContactsPageTests.Form(("Name", "Mallory")));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var unknown = await client.GetAsync("/contacts/00000000000000000000000000000000/edit");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("Ada Lovelace", (await node.Get<ShowContactForPurpose>().ExecuteAsync(id, null, "test")).Value.Name.Value);
    }
}
