using Rapport.Domain.Common;
using Rapport.Domain.Pipeline;

namespace Rapport.Application.Pipeline;

public static class PipelineErrors
{
    public static Error PipelineNotFound(string idOrName) => new("pipeline.not_found", $"no pipeline named or with id '{idOrName}'", "pipeline");

    public static Error DealNotFound(DealId id) => new("deal.not_found", $"no deal with id {id}", "id");
}
