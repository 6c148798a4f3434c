namespace Rapport.Domain.Common;

/// <summary>The outcome of an operation whose failures are expected (validation, not found, denied).</summary>
public readonly struct Result<T>
{
    private readonly T? _value;
    private readonly Error? _error;

    private Result(T? value, Error? error)
    {
        _value = value;
        _error = error;
    }

    public bool IsSuccess => _error is null;
    public bool IsFailure => _error is not null;

    public T Value => _error is null ? _value! : throw new InvalidOperationException($"No value: {_error}");
    public Error Error => _error ?? throw new InvalidOperationException("A successful result has no error.");

    public static Result<T> Success(T value) => new(value, null);
    public static Result<T> Failure(Error error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

    public static implicit operator Result<T>(T value) => Success(value);
    public static implicit operator Result<T>(Error error) => Failure(error);

    public Result<TOut> Map<TOut>(Func<T, TOut> map) => IsSuccess ? Result<TOut>.Success(map(_value!)) : Result<TOut>.Failure(_error!);
    public Result<TOut> Bind<TOut>(Func<T, Result<TOut>> bind) => IsSuccess ? bind(_value!) : Result<TOut>.Failure(_error!);
    public bool TryGetValue(out T value)
    {
        value = _value!;
        return IsSuccess;
    }
}

/// <summary>Result of an operation that produces no value.</summary>
public static class Result
{
    public static Result<Unit> Ok() => Result<Unit>.Success(Unit.Value);
    public static Result<T> Ok<T>(T value) => Result<T>.Success(value);
    public static Result<T> Fail<T>(Error error) => Result<T>.Failure(error);
}

public readonly record struct Unit
{
    public static readonly Unit Value;
}
