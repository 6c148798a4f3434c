namespace Rapport.Domain.Contacts;

public enum ContactMode
{
    /// <summary>Business-owned data only.</summary>
    External,

    /// <summary>The customer runs a node; shared data comes from it.</summary>
    PlatformNative,
}
