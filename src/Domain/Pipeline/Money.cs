using System.Globalization;
using Rapport.Domain.Common;

namespace Rapport.Domain.Pipeline;

/// <summary>An amount in one currency. Decimal only; arithmetic across currencies is refused, not converted.</summary>
public sealed record Money(decimal Amount, Currency Currency)
{
    public static Money Zero(Currency currency) => new(0m, currency);

    public static Result<Money> Parse(string? amount, string? currency, string amountField = "value", string currencyField = "currency")
    {
        var c = Currency.Create(currency, currencyField);
        if (c.IsFailure)
        {
            return c.Error;
        }

        var text = amount?.Trim() ?? string.Empty;
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return new Error(DealErrors.ValueInvalid, $"'{amount}' is not an amount (digits with an optional '.', e.g. 1200.50)", amountField);
        }

        if (value < 0)
        {
            return new Error(DealErrors.ValueNegative, "a deal value cannot be negative", amountField);
        }

        if (value.Scale > 4)
        {
            return new Error(DealErrors.ValuePrecision, $"'{amount}' has more than 4 decimal places", amountField);
        }

        return new Money(value, c.Value);
    }

    public Result<Money> Add(Money other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.Currency == Currency
            ? this with { Amount = Amount + other.Amount }
            : new Error(DealErrors.CurrencyMismatch, $"cannot add {other.Currency} to {Currency}");
    }

    /// <summary>This amount weighted by a stage's win probability.</summary>
    public Money Weighted(Probability probability) => this with { Amount = Amount * probability.Percent / 100m };

    public override string ToString() => $"{Amount.ToString("0.00##", CultureInfo.InvariantCulture)} {Currency.Code}";
}
