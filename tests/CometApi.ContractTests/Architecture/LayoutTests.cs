using CometApi.ContractTests.Infrastructure;
using Xunit.Abstractions;

namespace CometApi.ContractTests.Architecture;

/// <summary>
/// The layout stays what the README's layout table says: each product its own project, no project on a test
/// assembly, and no cycle between projects or between the folders of the suite's projects.
/// </summary>
public sealed class LayoutTests(ITestOutputHelper output)
{
    [Fact]
    public void No_project_references_a_test_project()
    {
        var tests = SourceTree.Projects.Where(p => p.IsTestProject).Select(p => p.Name).ToHashSet();

        SourceTree.Projects.SelectMany(p => p.References.Where(tests.Contains).Select(r => $"{p.Name} -> {r}"))
            .Should().BeEmpty("a test project holds tests; what others need lives in a library");
        tests.Should().Equal(["CometApi.ContractTests"], "one test project");
    }

    [Fact]
    public void Projects_reference_each_other_without_a_cycle()
    {
        var graph = DependencyGraph.OfProjects(SourceTree.Projects);
        output.WriteLine(graph.ToString());

        graph.FindCycle().Should().BeNull();
    }

    [Fact]
    public void Folders_depend_on_each_other_without_a_cycle()
    {
        var graph = DependencyGraph.OfFolders(SourceTree.Projects.Where(p => p.Name != SourceTree.ClientProject).ToList());
        output.WriteLine(graph.ToString());

        graph.Edges.Keys.Should().Contain(["CometApi.ContractTests/Sections", "CometApi.Simulation/."], "the graph sees the suite's folders");
        graph.Edges["CometApi.ContractTests/Sections"].Should().Contain("CometApi.ContractTests/Infrastructure", "the graph sees what a folder uses");
        graph.FindCycle().Should().BeNull("a folder cycle means two folders are one product, or a type sits in the wrong one");
    }

    [Fact]
    public void The_simulation_library_knows_nothing_of_tests_or_the_client()
    {
        var simulation = SourceTree.Projects.Single(p => p.Name == "CometApi.Simulation");
        var packages = System.Xml.Linq.XDocument.Load(Path.Combine(simulation.Folder, "CometApi.Simulation.csproj"))
            .Descendants("PackageReference").Select(p => p.Attribute("Include")!.Value).ToList();

        simulation.References.Should().BeEmpty("the standalone simulator serves any client");
        packages.Should().NotBeEmpty().And.NotContain(p => p.Contains("xunit", StringComparison.OrdinalIgnoreCase)
            || p.StartsWith("FluentAssertions", StringComparison.Ordinal) || p.StartsWith("Snapshooter", StringComparison.Ordinal));
    }

    [Fact]
    public void The_solution_lists_every_project()
    {
        var solution = File.ReadAllText(Path.Combine(RepoPaths.Root, "ContractTests.sln"));

        SourceTree.Projects.Select(p => p.Name).Where(name => !solution.Contains($"\"{name}\"", StringComparison.Ordinal))
            .Should().BeEmpty("dotnet test ContractTests.sln builds and runs what the solution lists");
    }
}
