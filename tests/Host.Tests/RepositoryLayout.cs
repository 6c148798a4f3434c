namespace Rapport.Host.Tests;

/// <summary>Where the repository's own files are, for tests that hold the docs against the code.</summary>
public static class RepositoryLayout
{
    /// <summary>The folder holding Node.sln, found above the test binaries.</summary>
    public static string Root()
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
