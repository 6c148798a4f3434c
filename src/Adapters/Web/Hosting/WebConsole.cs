using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rapport.Adapters.Web.Access;
using Rapport.Adapters.Web.Assets;
using Rapport.Adapters.Web.Components;
using Rapport.Adapters.Web.Imports;
using Rapport.Adapters.Web.Partners;
using Rapport.Adapters.Web.Pipeline;
using Rapport.Adapters.Web.Sharing;

namespace Rapport.Adapters.Web.Hosting;

/// <summary>
/// The web console on the node's own Kestrel host: server-rendered Razor components (static SSR, no client runtime),
/// its own listener, a session cookie after the admin passphrase, anti-forgery on every form, a strict CSP. Its
/// pages answer only on its listener, and nothing else answers there.
/// </summary>
public static class WebConsole
{
    /// <summary>The session cookie: `__Host-` binds it to this origin, path / and HTTPS (loopback counts as secure).</summary>
    public const string SessionCookie = "__Host-rapport-session";

    public const string AntiforgeryCookie = "__Host-rapport-af";

    /// <summary>The actor every read and change made from the console is audited as.</summary>
    public const string Actor = "web:admin";

    private const string ListenerMark = "rapport.web-console";

    /// <summary>Registers the console and configures Kestrel to listen where <see cref="WebConsoleOptions"/> says.</summary>
    public static IServiceCollection AddWebConsole(this IServiceCollection services, Action<WebConsoleOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<WebConsoleOptions>().Configure(configure);
        services.AddRouting();
        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        services.AddSingleton<WebConsoleListener>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<ImportJobs>();
        services.AddSingleton(EmbeddedAssets.Load());

        var options = new WebConsoleOptions();
        configure(options);
        var protection = services.AddDataProtection().SetApplicationName("rapport-web-console");
        if (options.KeysDirectory is { } keys)
        {
            protection.PersistKeysToFileSystem(CreatePrivateDirectory(keys));
        }

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.Cookie.Name = SessionCookie;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.Path = "/";
            cookie.LoginPath = "/login";
            cookie.LogoutPath = "/logout";
            cookie.AccessDeniedPath = "/login";
            cookie.ExpireTimeSpan = options.SessionIdleTimeout;
            cookie.SlidingExpiration = true;
        });
        services.AddAuthorization();
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie = new AlwaysSecureCookie
            {
                Name = AntiforgeryCookie,
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Path = "/",
                IsEssential = true,
            };
        });
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<WebConsoleOptions>, WebConsoleListener>(
            (kestrel, console, listener) => listener.Listen(kestrel, console.Value, ListenerMark));
        return services;
    }

    /// <summary>
    /// After routing: keeps the console's endpoints and listener to each other, then runs the console's own
    /// middleware (security headers, authentication, authorization, anti-forgery) for its requests only.
    /// </summary>
    public static IApplicationBuilder UseWebConsole(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(static (context, next) =>
        {
            var isConsolePage = context.GetEndpoint()?.Metadata.GetMetadata<WebConsoleEndpoint>() is not null;
            if (isConsolePage != Serves(context))
            {
                context.SetEndpoint(null);
            }

            return next(context);
        });
        app.UseWhen(Serves, console =>
        {
            console.UseMiddleware<SecurityHeaders>();
            console.UseStatusCodePages(static status => status.HttpContext.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => ErrorPage.WriteAsync(status.HttpContext, "Not found", "There is no page at this address."),
                _ => Task.CompletedTask,
            });
            console.UseMiddleware<RequestLimits>();
            console.UseAuthentication();
            console.UseAuthorization();
            console.UseAntiforgery();
            console.Use(static (context, next) =>
                context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
                    ? FormPost.RefuseForgedAsync(context)
                    : next(context));
        });
        return app;
    }

    /// <summary>Maps the pages and the assets; every endpoint carries <see cref="WebConsoleEndpoint"/>.</summary>
    public static IEndpointRouteBuilder MapWebConsole(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapAssets().WithMetadata(WebConsoleEndpoint.Instance);
        // Every form of the console is checked by the one anti-forgery middleware, pages' and endpoints' alike.
        var console = endpoints.MapGroup(string.Empty).WithMetadata(WebConsoleEndpoint.Instance, new RequireAntiforgeryTokenAttribute());
        console.MapPost("/logout", Logout.SignOutAsync).RequireAuthorization();
        console.MapCsv();
        console.MapDeals();
        console.MapSharing();
        console.MapPartners();
        endpoints.MapRazorComponents<App>().WithMetadata(WebConsoleEndpoint.Instance);
        return endpoints;
    }

    /// <summary>Where the console listens once the host has started ("http://127.0.0.1:8080/"), or null when it does not.</summary>
    public static Uri? Address(IServiceProvider services) => services.GetService<WebConsoleListener>()?.Address;

    /// <summary>Whether the request came in on the console's listener.</summary>
    internal static bool Serves(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(ListenerMark) == true;

    private static DirectoryInfo CreatePrivateDirectory(string path)
    {
        var directory = Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return directory;
    }
}
