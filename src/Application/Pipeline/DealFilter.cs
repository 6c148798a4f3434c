using Rapport.Domain.Pipeline;

namespace Rapport.Application.Pipeline;

/// <param name="ContactId">Only the deals of this contact.</param>
public sealed record DealFilter(PipelineId? PipelineId = null, string? Stage = null, bool OpenOnly = false, Domain.Contacts.ContactId? ContactId = null);
