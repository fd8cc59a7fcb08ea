using System.Text.RegularExpressions;

namespace CometApi.ContractTests.Architecture;

/// <summary>
/// Who depends on whom: projects by their references, folders by the types their code names. A folder is a project's
/// top-level folder ("CometApi.ContractTests/Sections"; files at a project's root are "CometApi.Simulation/.").
/// </summary>
public sealed partial class DependencyGraph
{
    private readonly SortedDictionary<string, SortedSet<string>> _edges = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, SortedSet<string>> Edges => _edges;

    public static DependencyGraph OfProjects(IEnumerable<ProjectFile> projects)
    {
        var graph = new DependencyGraph();
        foreach (var p in projects)
        {
            graph.Node(p.Name);
            foreach (var r in p.References) graph.Add(p.Name, r);
        }

        return graph;
    }

    /// <summary>Folder edges: a file names a type declared (not privately) in another folder its project can see.</summary>
    public static DependencyGraph OfFolders(IReadOnlyList<ProjectFile> projects)
    {
        var files = projects.SelectMany(p => Directory.EnumerateFiles(p.Folder, "*.cs", SearchOption.AllDirectories)
                .Where(f => !Path.GetRelativePath(p.Folder, f).Split(Path.DirectorySeparatorChar)[0].Equals("obj", StringComparison.Ordinal)
                    && !Path.GetRelativePath(p.Folder, f).Split(Path.DirectorySeparatorChar)[0].Equals("bin", StringComparison.Ordinal))
                .Select(f => (Project: p, Node: NodeOf(p, f), Code: SourceTree.CodeOf(f))))
            .ToList();
        var declaredIn = files
            .SelectMany(f => TypeDeclaration().Matches(f.Code).Select(m => (Type: m.Groups["name"].Value, f.Project, f.Node)))
            .ToLookup(d => d.Type, StringComparer.Ordinal);
        var visible = projects.ToDictionary(p => p.Name, p => Reachable(p.Name, projects), StringComparer.Ordinal);

        var graph = new DependencyGraph();
        foreach (var file in files)
        {
            graph.Node(file.Node);
            foreach (var name in Identifier().Matches(file.Code).Select(m => m.Groups["name"].Value).Distinct(StringComparer.Ordinal))
            {
                foreach (var declaration in declaredIn[name].Where(d => d.Node != file.Node && visible[file.Project.Name].Contains(d.Project.Name)))
                    graph.Add(file.Node, declaration.Node);
            }
        }

        return graph;
    }

    /// <summary>A cycle as "A -> B -> A", or null when there is none.</summary>
    public string? FindCycle()
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the path, 2 done
        var path = new Stack<string>();
        foreach (var node in _edges.Keys)
        {
            if (Visit(node) is { } cycle) return cycle;
        }

        return null;

        string? Visit(string node)
        {
            if (state.GetValueOrDefault(node) == 2) return null;
            if (state.GetValueOrDefault(node) == 1)
                return string.Join(" -> ", path.Reverse().SkipWhile(n => n != node).Append(node));
            state[node] = 1;
            path.Push(node);
            foreach (var next in _edges.GetValueOrDefault(node) ?? [])
            {
                if (Visit(next) is { } cycle) return cycle;
            }

            path.Pop();
            state[node] = 2;
            return null;
        }
    }

    public override string ToString() =>
        string.Join("\n", _edges.Select(e => $"{e.Key} -> {(e.Value.Count == 0 ? "(nothing)" : string.Join(", ", e.Value))}"));

    private void Node(string node)
    {
        if (!_edges.ContainsKey(node)) _edges[node] = new SortedSet<string>(StringComparer.Ordinal);
    }

    private void Add(string from, string to)
    {
        Node(from);
        Node(to);
        _edges[from].Add(to);
    }

    private static string NodeOf(ProjectFile project, string file)
    {
        var parts = Path.GetRelativePath(project.Folder, file).Split(Path.DirectorySeparatorChar);
        return $"{project.Name}/{(parts.Length == 1 ? "." : parts[0])}";
    }

    private static HashSet<string> Reachable(string project, IReadOnlyList<ProjectFile> projects)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { project };
        var todo = new Stack<string>([project]);
        while (todo.TryPop(out var next))
        {
            foreach (var r in projects.FirstOrDefault(p => p.Name == next)?.References ?? [])
            {
                if (seen.Add(r)) todo.Push(r);
            }
        }

        return seen;
    }

    // Types that other files can name: private nested types are left out.
    [GeneratedRegex(@"(?<!private\s+(?:sealed\s+|static\s+|readonly\s+|abstract\s+)*)\b(?:class|record|struct|interface|enum)\s+(?<name>[A-Z]\w*)")]
    private static partial Regex TypeDeclaration();

    // A name that can be a type: not a member of a variable (world.Provider) nor a named argument or tuple element (Verdict: ...).
    [GeneratedRegex(@"(?<![a-z_]\w*\.)\b(?<name>[A-Z]\w*)\b(?!\s*:(?!:))")]
    private static partial Regex Identifier();
}
