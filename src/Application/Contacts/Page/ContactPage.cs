using Rapport.Domain.Contacts;

namespace Rapport.Application.Contacts;

/// <summary>One page of contacts; <see cref="NextPageToken"/> is empty on the last page.</summary>
public sealed record ContactPage(IReadOnlyList<Contact> Contacts, string NextPageToken);
