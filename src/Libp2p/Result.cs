namespace Rapport.Libp2p;

/// <summary>
/// The outcome of an operation whose failures are expected on a network (a peer that does not answer, bytes that do
/// not decode): a value, or an <see cref="Error"/>. Bugs are exceptions.
/// </summary>
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

/// <summary>Results without a value, and shorthands.</summary>
public static class Result
{
    public static Result<Unit> Ok() => Result<Unit>.Success(Unit.Value);
    public static Result<T> Ok<T>(T value) => Result<T>.Success(value);
}

/// <summary>The value of an operation that has none.</summary>
public readonly record struct Unit
{
    public static readonly Unit Value;
}
