using Rapport.Adapters.Libp2p;
using Rapport.Domain.Common;
using Rapport.Host.Cli;
using Rapport.Libp2p.Identity;

namespace Rapport.Host.Composition;

internal static class NodeIdentityFile
{
    /// <summary>The identity of an initialised node, or an error telling the user to run `rapport init`.</summary>
    public static Result<NodeIdentity> Load(DataDirectory data) =>
        File.Exists(data.IdentityPath)
            ? NodeIdentity.Load(data.IdentityPath).ToRapport()
            : new Error(CliErrors.NotInitialised, $"{data.Root} has no node identity; run `rapport init --data {data.Root}` first");
}
