using Rapport.Domain.Common;

namespace Rapport.Domain.Pipeline;

/// <summary>Error codes of sales pipelines and their stages (docs/errors.md).</summary>
public static class PipelineErrors
{
    public static readonly ErrorCode NotFound = new("PIPELINE_NOT_FOUND", ErrorKind.NotFound);
    public static readonly ErrorCode NameDuplicate = new("PIPELINE_NAME_DUPLICATE", ErrorKind.AlreadyExists);
    public static readonly BoundedTextErrors Name = BoundedTextErrors.For("PIPELINE_NAME");
    public static readonly BoundedTextErrors Stage = BoundedTextErrors.For("PIPELINE_STAGE");
    public static readonly ErrorCode StagesEmpty = new("PIPELINE_STAGES_EMPTY", ErrorKind.Invalid);

    /// <summary>The stage list names a stage twice (the input is wrong; nothing existed before).</summary>
    public static readonly ErrorCode StagesDuplicate = new("PIPELINE_STAGES_DUPLICATE", ErrorKind.Invalid);

    public static readonly ErrorCode StageSyntax = new("PIPELINE_STAGE_SYNTAX", ErrorKind.Invalid);
    public static readonly ErrorCode ProbabilityInvalid = new("PIPELINE_PROBABILITY_INVALID", ErrorKind.Invalid);

    public static Error Unknown(string idOrName) => new(NotFound, $"no pipeline named or with id '{idOrName}'", "pipeline");
}
