using Microsoft.Extensions.Logging;

namespace Rapport.Tests.Shared;

/// <summary>
/// A logger that hands each formatted message (and its exception's message) to <see cref="LineLogger{T}.Write"/>, so a
/// test can read what a real component logged. Thread-safe as far as the action is.
/// </summary>
public sealed class LineLogger<T>(Action<string> write) : ILogger<T>
{
    public Action<string> Write { get; } = write;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var message = formatter(state, exception);
        Write(exception is null ? message : $"{message}: {exception.GetType().Name}: {exception.Message}");
    }
}
