using System.Text;
using Rapport.Application.Common;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;
using Rapport.Domain.Policy;

namespace Rapport.Application.Contacts;

/// <summary>
/// Lists contacts page by page, optionally only those whose consent allows a purpose (a partner asking "for marketing"
/// gets only contacts who agreed to marketing). Each page is one indexed query after a cursor; for a purpose the store
/// returns only contacts holding some consent record for it, and the gate decides each of them — one audited
/// <see cref="PolicyActions.ReadContact"/> decision per contact the page covers, written as one batch in the page's
/// transaction. The page token is opaque to callers; it encodes the name and id of the last contact covered.
/// </summary>
public sealed class ListContactsPage(IUnitOfWorkFactory unitOfWork, IClock clock, ConsentGate gate)
{
    /// <summary>How many candidates one call examines at most for a purpose before it returns a shorter page with a token.</summary>
    public const int MaxCandidatesPerCall = 10_000;

    private const char TokenVersion = 'c';

    public async Task<Result<ContactPage>> ExecuteAsync(ContactPageRequest request, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PageSize is < 0 or > ContactPageRequest.MaxPageSize)
        {
            return new Error(ContactErrors.PageSizeInvalid, $"page_size must be between 0 and {ContactPageRequest.MaxPageSize}", "page_size");
        }

        var size = request.PageSize == 0 ? ContactPageRequest.DefaultPageSize : request.PageSize;
        if (!TryDecode(request.PageToken, out var after))
        {
            return new Error(ContactErrors.PageTokenInvalid, "page_token is not one this server issued", "page_token");
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

        var filter = new ContactFilter(tag, string.IsNullOrWhiteSpace(request.Search) ? null : request.Search.Trim());
        try
        {
            await using var work = await unitOfWork.BeginAsync(cancellationToken).ConfigureAwait(false);
            var page = purpose is null
                ? await PlainPageAsync(work, filter, after, size, cancellationToken).ConfigureAwait(false)
                : await ConsentedPageAsync(work, filter, after, size, purpose, actor, cancellationToken).ConfigureAwait(false);
            await work.CommitAsync(cancellationToken).ConfigureAwait(false);
            return page;
        }
        catch (StoreUnavailableException ex) when (purpose is not null)
        {
            return ConsentGate.AuditUnavailable(ex);
        }
    }

    private static async Task<ContactPage> PlainPageAsync(IUnitOfWork work, ContactFilter filter, ContactCursor? after, int size, CancellationToken cancellationToken)
    {
        // One more than asked tells whether another page follows without a second query.
        var found = await work.Contacts.PageAsync(new ContactPageQuery(filter, after, size + 1), cancellationToken).ConfigureAwait(false);
        if (found.Count <= size)
        {
            return new ContactPage(found, string.Empty);
        }

        var contacts = found.Take(size).ToList();
        return new ContactPage(contacts, Encode(contacts[^1]));
    }

    private async Task<ContactPage> ConsentedPageAsync(
        IUnitOfWork work, ContactFilter filter, ContactCursor? after, int size, Purpose purpose, string actor, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var request = new GateRequest(PolicyActions.ReadContact, actor, purpose.Key);
        var page = new List<Contact>(size);
        var cursor = after;
        var examined = 0;
        while (page.Count < size && examined < MaxCandidatesPerCall)
        {
            // Exactly as many candidates as the page still needs: each one fetched is decided and covered by this page.
            var asked = size - page.Count;
            var candidates = await work.Contacts.PageAsync(new ContactPageQuery(filter, cursor, asked, purpose), cancellationToken).ConfigureAwait(false);
            if (candidates.Count == 0)
            {
                return new ContactPage(page, string.Empty);
            }

            var decisions = await gate.DecideManyAsync(work, [.. candidates.Select(c => c.Id)], request, now, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < candidates.Count; i++)
            {
                if (decisions[i].Allowed)
                {
                    page.Add(candidates[i]);
                }
            }

            examined += candidates.Count;
            cursor = CursorOf(candidates[^1]);
            if (candidates.Count < asked)
            {
                // The store had fewer than asked: nothing follows.
                return new ContactPage(page, string.Empty);
            }
        }

        var more = await work.Contacts.PageAsync(new ContactPageQuery(filter, cursor, 1, purpose), cancellationToken).ConfigureAwait(false);
        return new ContactPage(page, more.Count == 0 ? string.Empty : Encode(cursor!));
    }

    private static ContactCursor CursorOf(Contact contact) => new(contact.Name.Value, contact.Id);

    private static string Encode(Contact contact) => Encode(CursorOf(contact));

    private static string Encode(ContactCursor cursor) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(TokenVersion + cursor.Id.ToString() + cursor.Name));

    private static bool TryDecode(string? token, out ContactCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(token))
        {
            return true;
        }

        const int IdLength = 32;
        if (token.Length > 4 * 1024)
        {
            return false;
        }

        var bytes = new byte[token.Length];
        if (!Convert.TryFromBase64String(token, bytes, out var written) || written < 1 + IdLength || bytes[0] != (byte)TokenVersion)
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        if (!Guid.TryParseExact(text.AsSpan(1, IdLength), "N", out var id) || text.Length == 1 + IdLength)
        {
            return false;
        }

        cursor = new ContactCursor(text[(1 + IdLength)..], new ContactId(id));
        return true;
    }
}
