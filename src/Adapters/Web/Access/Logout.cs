using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Rapport.Adapters.Web.Hosting;

namespace Rapport.Adapters.Web.Access;

/// <summary>`POST /logout` (a form with its anti-forgery token): ends the session and returns to the login page.</summary>
internal static class Logout
{
    public static async Task SignOutAsync(HttpContext context)
    {
        if (await FormPost.ReadAsync(context).ConfigureAwait(false) is null)
        {
            return;
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        context.Response.Redirect("/login");
    }
}
