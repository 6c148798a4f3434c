using Rapport.Adapters.Grpc.Binding;
using Rapport.Application.Contacts;
using Rapport.Protocol.V1;
using V1 = global::Rapport.Protocol.V1;

namespace Rapport.Adapters.Grpc.Rapport;

/// <summary>rapport.v1.ContactsService bound to the contacts use cases.</summary>
public static class ContactsGrpcService
{
    private static readonly HashSet<string> MaskPaths = new(StringComparer.Ordinal) { "display_name", "email", "phone", "company", "tags" };

    public static GrpcServiceDefinition Create(RapportUseCases uc)
    {
        ArgumentNullException.ThrowIfNull(uc);
        var showForPurpose = new ShowContactForPurpose(uc.UnitOfWork, uc.Clock, uc.Gate);
        var page = new ListContactsPage(uc.UnitOfWork, uc.Clock, uc.Gate);
        var create = new CreateContact(uc.UnitOfWork, uc.Clock, uc.Ids);
        var update = new UpdateContact(uc.UnitOfWork, uc.Clock);
        var delete = new DeleteContact(uc.UnitOfWork, uc.Clock);
        return GrpcServiceBuilder.ForService(ContactsReflection.Descriptor, "ContactsService")
            .Unary<GetContactRequest, Contact>("GetContact", async (request, context) =>
            {
                var id = ResourceNames.ParseContact(request.Name, "name");
                var result = await showForPurpose.ExecuteAsync(id, request.Purpose, context.Actor(), context.CancellationToken).ConfigureAwait(false);
                return ErrorMapping.Unwrap(result, ("contact", request.Name), ("purpose", request.Purpose)).ToProto();
            })
            .Unary<ListContactsRequest, ListContactsResponse>("ListContacts", async (request, context) =>
            {
                var result = await page.ExecuteAsync(
                    new ContactPageRequest(request.Tag, request.Search, request.Purpose, request.PageSize, request.PageToken), context.Actor(), context.CancellationToken).ConfigureAwait(false);
                var value = ErrorMapping.Unwrap(result);
                var response = new ListContactsResponse { NextPageToken = value.NextPageToken };
                response.Contacts.AddRange(value.Contacts.Select(c => c.ToProto()));
                return response;
            })
            .Unary<UpsertContactRequest, Contact>("UpsertContact", async (request, context) =>
            {
                var contact = request.Contact ?? throw ResourceNames.Invalid("contact", "contact is required");
                if (string.IsNullOrEmpty(contact.Name))
                {
                    var created = await create.ExecuteAsync(
                        new ContactInput(contact.DisplayName, contact.Email, contact.Phone, contact.Company, [.. contact.Tags]),
                        context.Actor(), context.CancellationToken).ConfigureAwait(false);
                    return await AnswerAsync(ErrorMapping.Unwrap(created), showForPurpose, context).ConfigureAwait(false);
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
                return await AnswerAsync(ErrorMapping.Unwrap(updated), showForPurpose, context).ConfigureAwait(false);
            })
            .Unary<DeleteContactRequest, Google.Protobuf.WellKnownTypes.Empty>("DeleteContact", async (request, context) =>
            {
                var id = ResourceNames.ParseContact(request.Name, "name");
                ErrorMapping.Unwrap(await delete.ExecuteAsync(id, context.Actor(), context.CancellationToken).ConfigureAwait(false));
                return new Google.Protobuf.WellKnownTypes.Empty();
            })
            .Build();
    }

    /// <summary>
    /// What a write answers: the contact as the caller may read it (a read_contact decision for crm, audited), or —
    /// when the customer objected — only its name and update time, so a write never hands out data a read would not.
    /// </summary>
    private static async Task<Contact> AnswerAsync(Domain.Contacts.Contact written, ShowContactForPurpose show, GrpcCallContext context)
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
