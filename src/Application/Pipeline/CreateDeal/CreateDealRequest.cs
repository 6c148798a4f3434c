using Rapport.Domain.Contacts;

namespace Rapport.Application.Pipeline;

/// <param name="Pipeline">Pipeline name or id.</param>
/// <param name="Value">Amount as typed, e.g. "1200.50".</param>
/// <param name="ExpectedClose">yyyy-MM-dd, optional.</param>
public sealed record CreateDealRequest(ContactId ContactId, string Pipeline, string Title, string Value, string Currency, string? ExpectedClose = null);
