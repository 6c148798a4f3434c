namespace Rapport.Interop.Tests.Libp2p;

/// <summary>Finds the js-libp2p peer's sources in the checked-out tree, so the tests never depend on a machine path.</summary>
public static class JsPeerDirectory
{
    private const string SolutionFile = "Node.sln";

    public static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                var peer = Path.Combine(dir.FullName, "tests", "Interop", "Libp2p", "peer");
                return File.Exists(Path.Combine(peer, "peer.mjs"))
                    ? peer
                    : throw new InvalidOperationException($"Found {SolutionFile} in '{dir.FullName}' but no js-libp2p peer at '{peer}'.");
            }
        }

        throw new InvalidOperationException(
            $"Could not find {SolutionFile} above '{AppContext.BaseDirectory}'; the interop tests must run from a source checkout.");
    }
}
