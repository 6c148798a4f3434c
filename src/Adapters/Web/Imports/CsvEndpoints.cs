using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rapport.Adapters.Web.Hosting;
using Rapport.Application.Contacts;

namespace Rapport.Adapters.Web.Imports;

/// <summary>
/// The console's CSV downloads: every contact the purpose allows (the gate decides and audits each, as `contacts export`
/// does), and an import's invalid rows with their reasons.
/// </summary>
internal static class CsvEndpoints
{
    public static void MapCsv(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/contacts/export.csv", ExportAsync).RequireAuthorization();
        endpoints.MapGet("/contacts/import/{id:guid}/rejected.csv", RejectedAsync).RequireAuthorization();
    }

    private static async Task ExportAsync(HttpContext context, ExportContactsCsv export, string? purpose)
    {
        // Written to memory first: a refusal (an unknown purpose, the store down) must not arrive as half a file.
        await using var buffer = new StringWriter();
        var exported = await export.ExecuteAsync(buffer, purpose, WebConsole.Actor, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        if (exported.IsFailure)
        {
            context.Response.StatusCode = Components.WebStatus.Of(exported.Error);
            await ErrorPage.WriteAsync(context, "Export refused", exported.Error.Message).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"contacts-{exported.Value.Purpose}.csv\"";
        context.Response.Headers["X-Rapport-Withheld"] = exported.Value.Withheld.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await context.Response.WriteAsync(buffer.ToString(), Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task RejectedAsync(HttpContext context, ImportJobs jobs, Guid id)
    {
        if (jobs.Find(id) is not { Result: { IsSuccess: true } result })
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await ErrorPage.WriteAsync(context, "Not found", "There is no finished import with this id (reports are kept for an hour).").ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"rejected-rows.csv\"";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false), leaveOpen: true);
        await RejectedRowsReport.WriteAsync(writer, result.Value, context.RequestAborted).ConfigureAwait(false);
    }
}
