using Rapport.Domain.Common;

namespace Rapport.Domain.Pipeline;

/// <summary>Error codes of deals and their values (docs/errors.md).</summary>
public static class DealErrors
{
    public static readonly ErrorCode NotFound = new("DEAL_NOT_FOUND", ErrorKind.NotFound);
    public static readonly ErrorCode IdInvalid = new("DEAL_ID_INVALID", ErrorKind.Invalid);
    public static readonly BoundedTextErrors Title = BoundedTextErrors.For("DEAL_TITLE");
    public static readonly BoundedTextErrors Reason = BoundedTextErrors.For("DEAL_REASON");
    public static readonly ErrorCode CloseInvalid = new("DEAL_CLOSE_INVALID", ErrorKind.Invalid);

    /// <summary>The deal is won or lost already; it cannot move or close again.</summary>
    public static readonly ErrorCode Closed = new("DEAL_CLOSED", ErrorKind.Conflict);

    public static readonly ErrorCode StageSame = new("DEAL_STAGE_SAME", ErrorKind.Conflict);
    public static readonly ErrorCode StageUnknown = new("DEAL_STAGE_UNKNOWN", ErrorKind.Invalid);
    public static readonly ErrorCode ValueInvalid = new("DEAL_VALUE_INVALID", ErrorKind.Invalid);
    public static readonly ErrorCode ValueNegative = new("DEAL_VALUE_NEGATIVE", ErrorKind.Invalid);
    public static readonly ErrorCode ValuePrecision = new("DEAL_VALUE_PRECISION", ErrorKind.Invalid);
    public static readonly ErrorCode CurrencyInvalid = new("DEAL_CURRENCY_INVALID", ErrorKind.Invalid);
    public static readonly ErrorCode CurrencyMismatch = new("MONEY_CURRENCY_MISMATCH", ErrorKind.Invalid);

    public static Error Unknown(DealId id) => new(NotFound, $"no deal with id {id}", "id");
}
