namespace Rapport.Interop.Tests.Grpc;

/// <summary>Finds checkout-relative directories by walking up from the test binaries to Node.sln.</summary>
internal static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static string GrpcClientDirectory => Path.Combine(Root, "tests", "Interop", "Grpc");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Node.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Node.sln not found above {AppContext.BaseDirectory}");
    }
}
