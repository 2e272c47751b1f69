namespace StuyfBot.Testing;

public static class RepositoryPaths
{
    /// <summary>The repository root: the folder that holds StuyfBot.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Peers => Path.Combine(Root, "tests", "peers");

    public static string NodeModules => Path.Combine(Peers, "node_modules");

    /// <summary>manifest/: the Teams app manifest and its npm package (pack.mjs).</summary>
    public static string Manifest => Path.Combine(Root, "manifest");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StuyfBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("StuyfBot.sln not found above " + AppContext.BaseDirectory);
    }
}
