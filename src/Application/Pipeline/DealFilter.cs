using Rapport.Domain.Pipeline;

namespace Rapport.Application.Pipeline;

public sealed record DealFilter(PipelineId? PipelineId = null, string? Stage = null, bool OpenOnly = false);
