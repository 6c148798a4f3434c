namespace Rapport.Adapters.Web.Hosting;

/// <summary>Marks an endpoint as the console's: it answers on the console's listener and nowhere else.</summary>
public sealed class WebConsoleEndpoint
{
    public static WebConsoleEndpoint Instance { get; } = new();

    private WebConsoleEndpoint()
    {
    }
}
