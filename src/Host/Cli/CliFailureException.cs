using Rapport.Domain.Common;

namespace Rapport.Host.Cli;

/// <summary>An expected failure found below a handler (opening the node) that ends the command with its error and exit code.</summary>
public sealed class CliFailureException(Error error) : Exception(error?.Message)
{
    public Error Error { get; } = error ?? throw new ArgumentNullException(nameof(error));
}
