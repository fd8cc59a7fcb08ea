namespace CometApi.ContractTests.Infrastructure;

/// <summary>
/// A folder holding an executable <c>dotnet</c> shell script that stands in for the SDK: it records the arguments
/// and the COMETAPI_* environment it was started with and exits with a chosen code. Put <see cref="Folder"/> first
/// on PATH to see what a script would have run, without running it.
/// </summary>
public sealed class FakeDotnet : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("fake-dotnet-");

    /// <exception cref="PlatformNotSupportedException">On Windows: the stand-in is a POSIX shell script.</exception>
    public FakeDotnet(int exitCode)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("The fake dotnet is a POSIX shell script.");
        var script = Path.Combine(Folder, "dotnet");
        File.WriteAllText(script, $"""
            #!/bin/sh
            printf '%s\n' "$@" > '{ArgsFile}'
            env | grep '^COMETAPI_' | sort > '{EnvFile}'
            exit {exitCode}

            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string Folder => _folder.FullName;

    public bool WasInvoked => File.Exists(ArgsFile);

    /// <summary>The arguments of the (last) invocation, one per element.</summary>
    public IReadOnlyList<string> Args => File.ReadAllLines(ArgsFile);

    /// <summary>The COMETAPI_* variables the invocation saw.</summary>
    public IReadOnlyDictionary<string, string> Environment => File.ReadAllLines(EnvFile)
        .Select(line => line.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    /// <summary>PATH with this folder first.</summary>
    public string PathWithFakeFirst => Folder + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH");

    private string ArgsFile => Path.Combine(Folder, "args.txt");

    private string EnvFile => Path.Combine(Folder, "env.txt");

    public void Dispose() => _folder.Delete(recursive: true);
}
