using Microsoft.Extensions.Logging;

namespace Rapport.Host.Hosting;

/// <summary>Writes each event as one "[Category] message" line (the category's last name) to an action.</summary>
public sealed class LineLoggerProvider(Action<string> write) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new LineLogger(categoryName[(categoryName.LastIndexOf('.') + 1)..], write);

    public void Dispose()
    {
    }

    private sealed class LineLogger(string category, Action<string> write) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var message = formatter(state, exception);
            write(exception is null ? $"[{category}] {message}" : $"[{category}] {message}: {exception.GetType().Name}: {exception.Message}");
        }
    }
}
