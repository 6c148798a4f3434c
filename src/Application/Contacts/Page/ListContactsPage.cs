using System.Globalization;
using System.Text;
using Rapport.Application.Common;
using Rapport.Application.Policy.Gate;
using Rapport.Domain.Common;
using Rapport.Domain.Consent;
using Rapport.Domain.Contacts;
using Rapport.Domain.Policy;

namespace Rapport.Application.Contacts;

/// <summary>
/// Lists contacts page by page, only those whose consent allows the purpose (a partner asking "for marketing" gets
/// only contacts who agreed to marketing; no purpose is the business's own record keeping, <see cref="Purpose.Crm"/>,
/// which shows everyone who has not objected). Each page is one indexed query after a cursor; for a purpose that needs
/// consent the store returns only contacts holding some consent record for it, and the gate decides each of them — one
/// <see cref="PolicyActions.ReadContact"/> decision per contact the page covers, all audited as one compact entry before
/// the page is answered. Any <see cref="ContactOrder"/> pages the same way (the store has an index per sort column). The page
/// token is opaque to callers; it encodes the order and the sort key and id of the last contact covered.
/// </summary>
public sealed class ListContactsPage(IUnitOfWorkFactory unitOfWork, IClock clock, ConsentGate gate)
{
    /// <summary>How many candidates one call examines at most for a purpose before it returns a shorter page with a token.</summary>
    public const int MaxCandidatesPerCall = 10_000;

    private const char TokenVersion = 'd';

    /// <summary>Tokens of earlier versions (name order only) stay good across an upgrade in the middle of a listing.</summary>
    private const char NameTokenVersion = 'c';

    private const int IdLength = 32;

    private static readonly (ContactSortColumn Column, char Code)[] ColumnCodes =
    [
        (ContactSortColumn.Name, 'n'),
        (ContactSortColumn.Email, 'e'),
        (ContactSortColumn.Company, 'c'),
        (ContactSortColumn.LastInteraction, 'l'),
    ];

    public Task<Result<ContactPage>> ExecuteAsync(ContactPageRequest request, string actor, CancellationToken cancellationToken = default) =>
        ExecuteAsync(request, actor, ContactPageRequest.MaxPageSize, cancellationToken);

    /// <summary>As a partner's page, but up to <paramref name="maxPageSize"/> contacts (the node's own list reads in large pages).</summary>
    internal async Task<Result<ContactPage>> ExecuteAsync(ContactPageRequest request, string actor, int maxPageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PageSize < 0 || request.PageSize > maxPageSize)
        {
            return new Error(ContactErrors.PageSizeInvalid, $"page_size must be between 0 and {maxPageSize}", "page_size");
        }

        var size = request.PageSize == 0 ? ContactPageRequest.DefaultPageSize : request.PageSize;
        var order = ContactOrder.Parse(request.OrderBy);
        if (order.IsFailure)
        {
            return order.Error;
        }

        if (!TryDecode(request.PageToken, out var after, out var tokenOrder))
        {
            return new Error(ContactErrors.PageTokenInvalid, "page_token is not one this server issued", "page_token");
        }

        if (after is not null && tokenOrder != order.Value)
        {
            return new Error(
                ContactErrors.PageTokenInvalid,
                $"page_token continues a listing ordered by '{tokenOrder}', not '{order.Value}': ask with the same order_by, or start again without a token",
                "page_token");
        }

        var criteria = Criteria(request);
        if (criteria.IsFailure)
        {
            return criteria.Error;
        }

        var (filter, purpose) = criteria.Value;
        try
        {
            await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
            var page = await ConsentedPageAsync(work, filter, order.Value, after, size, purpose, actor, cancellationToken).ConfigureAwait(false);
            return page;
        }
        catch (StoreUnavailableException ex)
        {
            return ConsentGate.AuditUnavailable(ex);
        }
    }

    /// <summary>
    /// Every contact the purpose allows (the node's own `contacts list`): walked in pages of
    /// <see cref="MaxCandidatesPerCall"/> on one snapshot, every contact decided, and all of it audited as one compact
    /// entry, durable before anything is returned.
    /// </summary>
    internal async Task<Result<IReadOnlyList<Contact>>> ListAllAsync(ContactPageRequest request, string actor, CancellationToken cancellationToken)
    {
        var order = ContactOrder.Parse(request.OrderBy);
        if (order.IsFailure)
        {
            return order.Error;
        }

        var criteria = Criteria(request);
        if (criteria.IsFailure)
        {
            return criteria.Error;
        }

        var (filter, purpose) = criteria.Value;
        try
        {
            await using var work = await unitOfWork.BeginReadAsync(cancellationToken).ConfigureAwait(false);
            var bulk = gate.BeginBulk(new GateRequest(PolicyActions.ReadContact, actor, purpose.Key), clock.UtcNow);
            var contacts = new List<Contact>();
            ContactCursor? after = null;
            do
            {
                var (page, next) = await DecidePageAsync(work, bulk, filter, order.Value, after, MaxCandidatesPerCall, purpose, cancellationToken).ConfigureAwait(false);
                contacts.AddRange(page);
                after = next;
            }
            while (after is not null);

            await bulk.RecordAsync(cancellationToken).ConfigureAwait(false);
            return contacts;
        }
        catch (StoreUnavailableException ex)
        {
            return ConsentGate.AuditUnavailable(ex);
        }
    }

    private static Result<(ContactFilter Filter, Purpose Purpose)> Criteria(ContactPageRequest request)
    {
        var purpose = Purpose.Crm;
        if (!string.IsNullOrEmpty(request.Purpose))
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

        var search = string.IsNullOrWhiteSpace(request.Search) ? null : request.Search.Trim();
        if (search is { Length: > ContactPageRequest.MaxSearchLength })
        {
            return new Error(ContactErrors.SearchTooLong, $"a search text is at most {ContactPageRequest.MaxSearchLength} characters; this one has {search.Length:N0}", "search");
        }

        return (new ContactFilter(tag, search), purpose);
    }

    private async Task<ContactPage> ConsentedPageAsync(
        IReadUnitOfWork work, ContactFilter filter, ContactOrder order, ContactCursor? after, int size, Purpose purpose, string actor, CancellationToken cancellationToken)
    {
        var bulk = gate.BeginBulk(new GateRequest(PolicyActions.ReadContact, actor, purpose.Key), clock.UtcNow);
        var (page, next) = await DecidePageAsync(work, bulk, filter, order, after, size, purpose, cancellationToken).ConfigureAwait(false);

        // One compact audit entry for every contact the page decided, durable before the page is answered.
        await bulk.RecordAsync(cancellationToken).ConfigureAwait(false);
        return new ContactPage(page, next is null ? string.Empty : Encode(order, next));
    }

    /// <summary>The contacts of one page and the cursor of the next one, or null when nothing follows.</summary>
    private async Task<(List<Contact> Page, ContactCursor? Next)> DecidePageAsync(
        IReadUnitOfWork work, BulkDecisions bulk, ContactFilter filter, ContactOrder order, ContactCursor? after, int size, Purpose purpose, CancellationToken cancellationToken)
    {
        // A purpose that needs no record (crm) has every contact as a candidate; any other only those with a record.
        var candidatesFor = gate.RecordNeededFor(purpose);
        var page = new List<Contact>(size);
        var cursor = after;
        var examined = 0;
        while (page.Count < size && examined < MaxCandidatesPerCall)
        {
            // A few candidates more than the page still needs, so that a page usually knows whether more follow
            // without another query. The gate decides them in order only until the page is full; the surplus is
            // neither decided nor used.
            var needed = size - page.Count;
            var asked = needed + (needed / 8) + 1;
            var candidates = await work.Contacts.PageAsync(new ContactPageQuery(filter, cursor, asked, candidatesFor) { Order = order }, cancellationToken).ConfigureAwait(false);
            if (candidates.Count == 0)
            {
                return (page, null);
            }

            var decisions = await bulk.DecideInOrderAsync(work, [.. candidates.Select(c => c.Id)], needed, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < decisions.Count; i++)
            {
                if (decisions[i].Allowed)
                {
                    page.Add(candidates[i]);
                }
            }

            examined += decisions.Count;
            cursor = ContactCursor.After(candidates[decisions.Count - 1], order);
            if (decisions.Count < candidates.Count)
            {
                // The page filled before the candidates ran out: the next page starts after the last one decided.
                return (page, cursor);
            }

            if (candidates.Count < asked)
            {
                // The store had fewer than asked, and every one was decided: nothing follows.
                return (page, null);
            }
        }

        var more = await work.Contacts.PageAsync(new ContactPageQuery(filter, cursor, 1, candidatesFor) { Order = order }, cancellationToken).ConfigureAwait(false);
        return (page, more.Count == 0 ? null : cursor);
    }

    // Token text: version, column code, direction ('a' or 'd'), the id (32 hex digits), then the key: 't' and the
    // text, 'm' and the moment's UTC ticks, or 'n' for no moment. Base64 keeps it one opaque word.
    private static string Encode(ContactOrder order, ContactCursor cursor)
    {
        var text = new StringBuilder().Append(TokenVersion)
            .Append(ColumnCodes.First(c => c.Column == order.Column).Code)
            .Append(order.Descending ? 'd' : 'a')
            .Append(cursor.Id.ToString());
        _ = cursor.Key switch
        {
            ContactSortKey.Text key => text.Append('t').Append(key.Value),
            ContactSortKey.Moment { Value: { } moment } => text.Append('m').Append(moment.UtcTicks.ToString(CultureInfo.InvariantCulture)),
            _ => text.Append('n'),
        };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static bool TryDecode(string? token, out ContactCursor? cursor, out ContactOrder order)
    {
        cursor = null;
        order = ContactOrder.ByName;
        if (string.IsNullOrEmpty(token))
        {
            return true;
        }

        if (token.Length > 4 * 1024)
        {
            return false;
        }

        var bytes = new byte[token.Length];
        if (!Convert.TryFromBase64String(token, bytes, out var written) || written < 1)
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

        return text[0] switch
        {
            NameTokenVersion => TryDecodeNameToken(text.AsSpan(1), out cursor),
            TokenVersion => TryDecodeToken(text.AsSpan(1), out cursor, out order),
            _ => false,
        };
    }

    private static bool TryDecodeNameToken(ReadOnlySpan<char> text, out ContactCursor? cursor)
    {
        cursor = null;
        if (text.Length <= IdLength || !Guid.TryParseExact(text[..IdLength], "N", out var id))
        {
            return false;
        }

        cursor = new ContactCursor(new ContactSortKey.Text(text[IdLength..].ToString()), new ContactId(id));
        return true;
    }

    private static bool TryDecodeToken(ReadOnlySpan<char> text, out ContactCursor? cursor, out ContactOrder order)
    {
        cursor = null;
        order = ContactOrder.ByName;
        if (text.Length < 2 + IdLength + 1 || !Guid.TryParseExact(text.Slice(2, IdLength), "N", out var id))
        {
            return false;
        }

        var code = text[0];
        var column = ColumnCodes.Where(c => c.Code == code).Select(c => (ContactSortColumn?)c.Column).FirstOrDefault();
        if (column is null || text[1] is not ('a' or 'd'))
        {
            return false;
        }

        order = new ContactOrder(column.Value, text[1] == 'd');
        var key = text[(2 + IdLength)..];
        ContactSortKey? sortKey = (key[0], column) switch
        {
            ('t', not ContactSortColumn.LastInteraction) => new ContactSortKey.Text(key[1..].ToString()),
            ('n', ContactSortColumn.LastInteraction) when key.Length == 1 => new ContactSortKey.Moment(null),
            ('m', ContactSortColumn.LastInteraction) when long.TryParse(key[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
                => new ContactSortKey.Moment(new DateTimeOffset(ticks, TimeSpan.Zero)),
            _ => null,
        };
        if (sortKey is null)
        {
            return false;
        }

        cursor = new ContactCursor(sortKey, new ContactId(id));
        return true;
    }
}
