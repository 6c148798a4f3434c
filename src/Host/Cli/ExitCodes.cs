namespace Rapport.Host.Cli;

public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The store, the network or something else outside the user's input failed.</summary>
    public const int Failure = 1;

    /// <summary>Usage or validation error: the input was wrong, nothing was written.</summary>
    public const int Usage = 2;
}
