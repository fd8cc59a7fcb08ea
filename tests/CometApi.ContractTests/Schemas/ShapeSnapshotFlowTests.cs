using CometApi.ContractTests.Infrastructure;
using CometApi.ContractTests.Shapes;

namespace CometApi.ContractTests.Schemas;

/// <summary>
/// CL4, the review flow of a shape snapshot, in a scratch folder: a drifted shape fails naming the fields and the
/// accept command and leaves the received shape for CI; strict mode never creates a snapshot; accepting rewrites it
/// but is refused in strict mode.
/// </summary>
[Checklist("CL4")]
[Collection(SnapshotSwitchesDefinition.Name)]
public sealed class ShapeSnapshotFlowTests : IDisposable
{
    private const string Reviewed = "status: 200\ncontent-type: application/json\nbody: JSON\n$: object\n$.choices: array\n$.usage.prompt_tokens: integer\n";
    private const string Drifted = "status: 200\ncontent-type: application/json\nbody: JSON\n$: object\n$.choice: array\n$.usage.prompt_tokens: string\n";

    private static readonly ShapeCase Case = ShapeCase.Chat("drift-demo", streaming: false);

    private readonly string _scratch = Directory.CreateTempSubdirectory("shape-flow-").FullName;
    private readonly TopLevelSnapshotFiles _files;
    private readonly Dictionary<string, string?> _savedEnvironment = new()
    {
        [SnapshotSettings.StrictModeVariable] = Environment.GetEnvironmentVariable(SnapshotSettings.StrictModeVariable),
        [SnapshotSettings.AcceptVariable] = Environment.GetEnvironmentVariable(SnapshotSettings.AcceptVariable),
    };

    public ShapeSnapshotFlowTests()
    {
        _files = new TopLevelSnapshotFiles(Path.Combine(_scratch, "snapshots"), Path.Combine(_scratch, "received"));
        Environment.SetEnvironmentVariable(SnapshotSettings.AcceptVariable, null);
    }

    private string SnapshotFile => Path.Combine(_scratch, "snapshots", Case.SnapshotPath);

    private string ReceivedFile => Path.Combine(_scratch, "received", Case.SnapshotPath);

    [Fact]
    public void A_drifted_shape_fails_naming_each_changed_field_the_received_file_and_the_accept_command()
    {
        Write(SnapshotFile, Reviewed);

        var match = () => ShapeSnapshot.Match(Case, Drifted, _files);

        var message = match.Should().Throw<ShapeMismatchException>().Which.Message;
        message.Should().Contain("response: removed $.choices (was array)")
            .And.Contain("response: added $.choice: array")
            .And.Contain("response: changed $.usage.prompt_tokens: integer -> string")
            .And.Contain(SnapshotSettings.AcceptCommand)
            .And.Contain("received/chat-completions/non-streaming/drift-demo.snap");
        File.ReadAllText(ReceivedFile).Should().Be(Drifted, "CI uploads the received shape");
        File.ReadAllText(SnapshotFile).Should().Be(Reviewed, "a reviewed snapshot is never overwritten by a failing run");
    }

    [Fact]
    public void A_matching_shape_passes_and_leaves_nothing_received()
    {
        Write(SnapshotFile, Reviewed);

        ShapeSnapshot.Match(Case, Reviewed, _files);

        File.Exists(ReceivedFile).Should().BeFalse();
    }

    [Fact]
    public void In_strict_mode_a_missing_snapshot_fails_and_is_not_created()
    {
        Environment.SetEnvironmentVariable(SnapshotSettings.StrictModeVariable, "true");

        var match = () => ShapeSnapshot.Match(Case, Reviewed, _files);

        match.Should().Throw<ShapeMismatchException>().WithMessage("No reviewed snapshot*strict mode*");
        File.Exists(SnapshotFile).Should().BeFalse("CI never creates a snapshot silently");
        File.ReadAllText(ReceivedFile).Should().Be(Reviewed);
    }

    [Fact]
    public void Outside_strict_mode_a_missing_snapshot_is_created_as_Snapshooter_does()
    {
        Environment.SetEnvironmentVariable(SnapshotSettings.StrictModeVariable, null);

        ShapeSnapshot.Match(Case, Reviewed, _files);

        File.ReadAllText(SnapshotFile).Should().Be(Reviewed);
    }

    [Fact]
    public void Accepting_rewrites_the_snapshot_with_the_received_shape()
    {
        Environment.SetEnvironmentVariable(SnapshotSettings.StrictModeVariable, null);
        Environment.SetEnvironmentVariable(SnapshotSettings.AcceptVariable, "1");
        Write(SnapshotFile, Reviewed);

        ShapeSnapshot.Match(Case, Drifted, _files);

        File.ReadAllText(SnapshotFile).Should().Be(Drifted);
    }

    [Fact]
    public void Accepting_is_refused_in_strict_mode()
    {
        Environment.SetEnvironmentVariable(SnapshotSettings.StrictModeVariable, "true");
        Environment.SetEnvironmentVariable(SnapshotSettings.AcceptVariable, "1");
        Write(SnapshotFile, Reviewed);

        var match = () => ShapeSnapshot.Match(Case, Drifted, _files);

        match.Should().Throw<ShapeMismatchException>().WithMessage("*refused*");
        File.ReadAllText(SnapshotFile).Should().Be(Reviewed);
    }

    public void Dispose()
    {
        foreach (var (name, value) in _savedEnvironment) Environment.SetEnvironmentVariable(name, value);
        Directory.Delete(_scratch, recursive: true);
    }

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
