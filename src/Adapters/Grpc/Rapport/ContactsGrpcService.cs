using Grpc.Core;
using Rapport.Application.Contacts;
using Rapport.Protocol.V1;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>rapport.v1.ContactsService bound to the contacts use cases.</summary>
public sealed class ContactsGrpcService(
    ShowContactForPurpose show, ListContactsPage page, CreateContact create, UpdateContact update, DeleteContact delete)
    : ContactsService.ContactsServiceBase
{
    private static readonly HashSet<string> MaskPaths = new(StringComparer.Ordinal) { "display_name", "email", "phone", "company", "tags" };

    public override async Task<Contact> GetContact(GetContactRequest request, ServerCallContext context)
    {
        var id = ResourceNames.ParseContact(request.Name, "name");
        var result = await show.ExecuteAsync(id, request.Purpose, context.Actor(), context.CancellationToken).ConfigureAwait(false);
        return ErrorMapping.Unwrap(result, ("contact", request.Name), ("purpose", request.Purpose)).ToProto();
    }

    public override async Task<ListContactsResponse> ListContacts(ListContactsRequest request, ServerCallContext context)
    {
        var result = await page.ExecuteAsync(
            new ContactPageRequest(request.Tag, request.Search, request.Purpose, request.PageSize, request.PageToken, request.OrderBy), context.Actor(), context.CancellationToken).ConfigureAwait(false);
        var value = ErrorMapping.Unwrap(result);
        var response = new ListContactsResponse { NextPageToken = value.NextPageToken };
        response.Contacts.AddRange(value.Contacts.Select(c => c.ToProto()));
        return response;
    }

    public override async Task<Contact> UpsertContact(UpsertContactRequest request, ServerCallContext context)
    {
        var contact = request.Contact ?? throw ResourceNames.Invalid("contact", "contact is required");
        if (string.IsNullOrEmpty(contact.Name))
        {
            var created = await create.ExecuteAsync(
                new ContactInput(contact.DisplayName, contact.Email, contact.Phone, contact.Company, [.. contact.Tags]),
                context.Actor(), context.CancellationToken).ConfigureAwait(false);
            return await AnswerAsync(ErrorMapping.Unwrap(created), context).ConfigureAwait(false);
        }

        var id = ResourceNames.ParseContact(contact.Name, "contact.name");
        var paths = request.UpdateMask?.Paths.Count > 0 ? request.UpdateMask.Paths.ToList() : DefaultPaths(contact);
        if (paths.FirstOrDefault(p => !MaskPaths.Contains(p)) is { } unknown)
        {
            throw ResourceNames.Invalid("update_mask", $"'{unknown}' cannot be updated; use {string.Join(", ", MaskPaths)}");
        }

        var changes = new ContactChanges(
            paths.Contains("display_name") ? contact.DisplayName : null,
            paths.Contains("email") ? contact.Email : null,
            paths.Contains("phone") ? contact.Phone : null,
            paths.Contains("company") ? contact.Company : null,
            ReplaceTags: paths.Contains("tags") ? [.. contact.Tags] : null);
        var updated = await update.ExecuteAsync(id, changes, context.Actor(), context.CancellationToken).ConfigureAwait(false);
        return await AnswerAsync(ErrorMapping.Unwrap(updated), context).ConfigureAwait(false);
    }

    public override async Task<Google.Protobuf.WellKnownTypes.Empty> DeleteContact(DeleteContactRequest request, ServerCallContext context)
    {
        var id = ResourceNames.ParseContact(request.Name, "name");
        ErrorMapping.Unwrap(await delete.ExecuteAsync(id, context.Actor(), context.CancellationToken).ConfigureAwait(false));
        return new Google.Protobuf.WellKnownTypes.Empty();
    }

    /// <summary>
    /// What a write answers: the contact as the caller may read it (a read_contact decision for crm, audited), or —
    /// when the customer objected — only its name and update time, so a write never hands out data a read would not.
    /// </summary>
    private async Task<Contact> AnswerAsync(Domain.Contacts.Contact written, ServerCallContext context)
    {
        var read = await show.ExecuteAsync(written.Id, null, context.Actor(), context.CancellationToken).ConfigureAwait(false);
        if (read.IsSuccess)
        {
            return read.Value.ToProto();
        }

        var minimal = written.ToProto();
        return new Contact { Name = minimal.Name, UpdateTime = minimal.UpdateTime };
    }

    private static List<string> DefaultPaths(Contact contact)
    {
        var paths = new List<string>();
        if (contact.DisplayName.Length > 0)
        {
            paths.Add("display_name");
        }

        if (contact.Email.Length > 0)
        {
            paths.Add("email");
        }

        if (contact.Phone.Length > 0)
        {
            paths.Add("phone");
        }

        if (contact.Company.Length > 0)
        {
            paths.Add("company");
        }

        if (contact.Tags.Count > 0)
        {
            paths.Add("tags");
        }

        return paths;
    }
}
