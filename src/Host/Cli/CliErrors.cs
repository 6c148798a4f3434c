using Rapport.Domain.Common;

namespace Rapport.Host.Cli;

/// <summary>Error codes of the CLI's own input: options, files, ids typed by hand (docs/errors.md).</summary>
public static class CliErrors
{
    public static readonly ErrorCode MissingOption = new("MISSING_OPTION", ErrorKind.Invalid);

    /// <summary>The command line does not parse: an unknown option, a missing or empty required one, a value of the wrong type.</summary>
    public static readonly ErrorCode InvalidArguments = new("INVALID_ARGUMENTS", ErrorKind.Invalid);
    public static readonly ErrorCode TimeInvalid = new("TIME_INVALID", ErrorKind.Invalid);
    public static readonly ErrorCode InvalidDays = new("INVALID_DAYS", ErrorKind.Invalid);
    public static readonly ErrorCode RevokeAmbiguous = new("REVOKE_AMBIGUOUS", ErrorKind.Invalid);
    public static readonly ErrorCode RevokeIncomplete = new("REVOKE_INCOMPLETE", ErrorKind.Invalid);
    public static readonly ErrorCode FileNotFound = new("FILE_NOT_FOUND", ErrorKind.NotFound);
    public static readonly ErrorCode DirectoryNotFound = new("FILE_DIRECTORY", ErrorKind.NotFound);
    public static readonly ErrorCode ProofNotFound = new("PROOF_NOT_FOUND", ErrorKind.NotFound);
    public static readonly ErrorCode ProofInvalid = new("PROOF_INVALID", ErrorKind.Invalid);

    /// <summary>A destructive command was not confirmed (`--yes`, or 'yes' typed at the prompt).</summary>
    public static readonly ErrorCode NotConfirmed = new("NOT_CONFIRMED", ErrorKind.Invalid);

    /// <summary>The data dir has no node identity: `rapport init` was not run there.</summary>
    public static readonly ErrorCode NotInitialised = new("NOT_INITIALISED", ErrorKind.NotFound);
}
