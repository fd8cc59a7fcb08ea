using System.Text.RegularExpressions;
using System.Xml.Linq;
using CometApi.ContractTests.Infrastructure;

namespace CometApi.ContractTests.Architecture;

/// <summary>The repository's projects and source files as text: what the layout tests read (no build output, no git).</summary>
public static partial class SourceTree
{
    /// <summary>The projects whose folders must not form a cycle: all but the client under test, whose layout is its own.</summary>
    public const string ClientProject = "CometApi.Reliability";

    public static IReadOnlyList<ProjectFile> Projects { get; } = LoadProjects();

    /// <summary>Every file under the repository root, outside build output, dependencies and git.</summary>
    public static IEnumerable<string> Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar)
                .Any(part => part is "bin" or "obj" or ".git" or "node_modules" or "artifacts" or "BenchmarkDotNet.Artifacts"));

    /// <summary>C# source without comments, string and char literals: what the code itself names.</summary>
    public static string CodeOf(string path)
    {
        var text = File.ReadAllText(path);
        text = RawString().Replace(text, "\"\"");
        text = CharLiteral().Replace(text, "' '");
        text = VerbatimString().Replace(text, "\"\"");
        text = RegularString().Replace(text, "\"\"");
        text = BlockComment().Replace(text, " ");
        return LineComment().Replace(text, "");
    }

    private static List<ProjectFile> LoadProjects()
    {
        var files = new[] { "src", "tests", "bench" }.Select(d => Path.Combine(RepoPaths.Root, d)).Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.csproj", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        return files.Select(f =>
        {
            var xml = XDocument.Load(f);
            var references = xml.Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/'))).ToList();
            var isTest = xml.Descendants("IsTestProject").Any(e => e.Value.Trim() == "true");
            return new ProjectFile(Path.GetFileNameWithoutExtension(f), Path.GetDirectoryName(f)!, isTest, references);
        }).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex("\"\"\"[\\s\\S]*?\"\"\"")]
    private static partial Regex RawString();

    [GeneratedRegex(@"'(?:\\.|[^'\\\n])'")]
    private static partial Regex CharLiteral();

    [GeneratedRegex("@\"(?:[^\"]|\"\")*\"")]
    private static partial Regex VerbatimString();

    [GeneratedRegex("\"(?:\\\\.|[^\"\\\\\\n])*\"")]
    private static partial Regex RegularString();

    [GeneratedRegex(@"/\*[\s\S]*?\*/")]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"//.*$", RegexOptions.Multiline)]
    private static partial Regex LineComment();
}

/// <param name="References">Names of the projects it references.</param>
public sealed record ProjectFile(string Name, string Folder, bool IsTestProject, IReadOnlyList<string> References);
