using System.Globalization;
using System.Text;
using Rapport.Application.Common;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;

namespace Rapport.Application.Contacts;

/// <summary>
/// Lists contacts page by page, optionally only those whose consent allows a purpose (a partner asking "for marketing"
/// gets only contacts who agreed to marketing). The page token is opaque to callers; it encodes the position in the
/// name-ordered list.
/// </summary>
public sealed class ListContactsPage(IUnitOfWorkFactory unitOfWork, IClock clock)
{
    public async Task<Result<ContactPage>> ExecuteAsync(ContactPageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PageSize is < 0 or > ContactPageRequest.MaxPageSize)
        {
            return new Error("contact.page_size.invalid", $"page_size must be between 0 and {ContactPageRequest.MaxPageSize}", "page_size");
        }

        var size = request.PageSize == 0 ? ContactPageRequest.DefaultPageSize : request.PageSize;
        if (!TryDecode(request.PageToken, out var start))
        {
            return new Error("contact.page_token.invalid", "page_token is not one this server issued", "page_token");
        }

        Purpose? purpose = null;
        if (!string.IsNullOrWhiteSpace(request.Purpose))
        {
            var parsed = Purpose.Parse(request.Purpose);
            if (parsed.IsFailure)
            {
                return parsed.Error;
            }

            purpose = parsed.Value;
        }

        Tag? tag = null;
        if (!string.IsNullOrWhiteSpace(request.Tag))
        {
            var parsed = Tag.Create(request.Tag, "tag");
            if (parsed.IsFailure)
            {
                return parsed.Error;
            }

            tag = parsed.Value;
        }

        var now = clock.UtcNow;
        await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
        var all = await work.Contacts.ListAsync(new ContactFilter(tag, string.IsNullOrWhiteSpace(request.Search) ? null : request.Search.Trim()), cancellationToken).ConfigureAwait(false);
        var page = new List<Contact>(Math.Min(size, all.Count));
        var position = start;
        for (; position < all.Count && page.Count < size; position++)
        {
            var contact = all[position];
            if (purpose is null || ConsentSnapshot.Create(contact.Id, await work.Consents.CurrentAsync(contact.Id, cancellationToken).ConfigureAwait(false)).AllowsAt(purpose, now))
            {
                page.Add(contact);
            }
        }

        return new ContactPage(page, position < all.Count ? Encode(position) : string.Empty);
    }

    private static string Encode(int position) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes("p" + position.ToString(CultureInfo.InvariantCulture)));

    private static bool TryDecode(string? token, out int position)
    {
        position = 0;
        if (string.IsNullOrEmpty(token))
        {
            return true;
        }

        Span<byte> bytes = stackalloc byte[32];
        if (token.Length > 40 || !Convert.TryFromBase64String(token, bytes, out var written) || written < 2 || bytes[0] != (byte)'p')
        {
            return false;
        }

        return int.TryParse(Encoding.ASCII.GetString(bytes[1..written]), NumberStyles.None, CultureInfo.InvariantCulture, out position);
    }
}
