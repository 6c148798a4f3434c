namespace Rapport.Host.Cli;

/// <summary>Reports on the caller's thread (unlike Progress&lt;T&gt;, which posts), so output stays in order and ends with the work.</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
