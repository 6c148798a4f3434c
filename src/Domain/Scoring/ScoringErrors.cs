using Rapport.Domain.Common;

namespace Rapport.Domain.Scoring;

/// <summary>Why scoring input is refused (docs/errors.md).</summary>
public static class ScoringErrors
{
    public static readonly ErrorCode WeightsInvalid = new("SCORING_WEIGHTS_INVALID", ErrorKind.Invalid);

    /// <summary>Rows to learn from that cannot be read or learned from: no header, ragged rows, one class only, ….</summary>
    public static readonly ErrorCode DataInvalid = new("SCORING_DATA_INVALID", ErrorKind.Invalid);

    public static readonly ErrorCode ModelIdInvalid = new("SCORING_MODEL_ID_INVALID", ErrorKind.Invalid);

    public static readonly ErrorCode ModelUnknown = new("SCORING_MODEL_UNKNOWN", ErrorKind.NotFound);

    /// <summary>A stored model whose bytes do not decode (<see cref="Learning.Encoding.LearnedModelCodec"/>).</summary>
    public static readonly ErrorCode ModelCorrupt = new("SCORING_MODEL_CORRUPT", ErrorKind.Unavailable);

    /// <summary>Too few labelled outcomes of each kind to learn and cross-validate a model.</summary>
    public static readonly ErrorCode NotEnoughData = new("SCORING_NOT_ENOUGH_DATA", ErrorKind.Conflict);
}
