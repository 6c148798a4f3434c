namespace Rapport.Adapters.Web.Hosting;

/// <summary>The console cannot be served as configured (the host turns it into SETTINGS_INVALID).</summary>
public sealed class WebConsoleConfigurationException : Exception
{
    public WebConsoleConfigurationException()
    {
    }

    public WebConsoleConfigurationException(string message)
        : base(message)
    {
    }

    public WebConsoleConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
