using Rapport.Host.Control;

namespace Rapport.Host.Cli.Control;

/// <summary>How a command that needs the network asks the running node of `--data` to act, and reports its answer.</summary>
internal static class NodeCall
{
    /// <summary>
    /// Sends the command; on success hands the response to <paramref name="render"/>, on failure prints the error and
    /// returns the exit code of its kind, as the node sent it (no node running is a failure of the node: 1).
    /// </summary>
    public static async Task<int> RunAsync(CliContext ctx, string command, object args, Func<ControlResponse, int> render, CancellationToken cancellationToken)
    {
        var response = await ControlClient.CallAsync(ctx.Data, command, args, cancellationToken).ConfigureAwait(false);
        if (response.Ok)
        {
            return render(response);
        }

        return ctx.Fail(response.Error!.ToError());
    }
}
