using Rapport.Domain.Contacts;

namespace Rapport.Application.Contacts;

/// <summary>Persistence of contacts inside the caller's unit of work.</summary>
public interface IContactStore
{
    Task<Contact?> GetAsync(ContactId id, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(ContactId id, CancellationToken cancellationToken = default);

    Task<Contact?> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken = default);

    Task AddAsync(Contact contact, CancellationToken cancellationToken = default);

    Task UpdateAsync(Contact contact, CancellationToken cancellationToken = default);

    /// <summary>Removes the contact with its interactions and deals; false when there was none.</summary>
    Task<bool> DeleteAsync(ContactId id, CancellationToken cancellationToken = default);

    /// <summary>Contacts matching the filter, ordered by name.</summary>
    Task<IReadOnlyList<Contact>> ListAsync(ContactFilter filter, CancellationToken cancellationToken = default);

    /// <summary>At most <see cref="ContactPageQuery.Limit"/> contacts after the cursor in the query's order, ties by id: one indexed query.</summary>
    Task<IReadOnlyList<Contact>> PageAsync(ContactPageQuery query, CancellationToken cancellationToken = default);

    /// <summary>Every contact, ordered by name, read lazily (for exports).</summary>
    IAsyncEnumerable<Contact> StreamAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces many contacts with one prepared statement (bulk import).</summary>
    Task UpsertManyAsync(IReadOnlyList<Contact> contacts, CancellationToken cancellationToken = default);

    /// <summary>Which of <paramref name="emails"/> already belong to a stored contact.</summary>
    Task<IReadOnlySet<string>> ExistingEmailsAsync(IReadOnlyCollection<string> emails, CancellationToken cancellationToken = default);
}
