using Rapport.Domain.Common;

namespace Rapport.Host.Hosting;

/// <summary>Error codes of the node's settings (docs/errors.md).</summary>
public static class NodeSettingsErrors
{
    /// <summary>A setting does not parse, is unknown or out of range; the message names it and where it came from.</summary>
    public static readonly ErrorCode SettingsInvalid = new("SETTINGS_INVALID", ErrorKind.Invalid);
}
