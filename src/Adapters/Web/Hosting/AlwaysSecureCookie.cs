using Microsoft.AspNetCore.Http;

namespace Rapport.Adapters.Web.Hosting;

/// <summary>
/// A cookie marked Secure on every response, also over plain HTTP on loopback: browsers count 127.0.0.0/8 and ::1 as
/// secure contexts and keep such cookies, while the anti-forgery system refuses <see cref="CookieSecurePolicy.Always"/>
/// on a request that is not HTTPS. (The console serves plain HTTP on loopback only.)
/// </summary>
internal sealed class AlwaysSecureCookie : CookieBuilder
{
    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var options = base.Build(context, expiresFrom);
        options.Secure = true;
        return options;
    }
}
