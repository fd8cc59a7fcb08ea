using CometApi.ContractTests.Infrastructure;
using Snapshooter;
using Snapshooter.Core;
using Snapshooter.Core.Serialization;
using Snapshooter.Exceptions;
using Snapshooter.Xunit;
using Xunit.Sdk;

namespace CometApi.ContractTests.Shapes;

/// <summary>
/// Matches a shape against its reviewed snapshot with Snapshooter's own assertion (so its strict mode holds: with
/// SNAPSHOOTER_STRICT_MODE=true a missing snapshot fails and nothing is created), stored in the top-level
/// <c>snapshots/</c> folder by <see cref="TopLevelSnapshotFiles"/>. A failure is rethrown with a field-level diff, where
/// the received shape was written, and the command that accepts it.
/// </summary>
public static class ShapeSnapshot
{
    public static string ReceivedRoot => Path.Combine(RepoPaths.Root, "artifacts", "snapshots", "received");

    private static readonly Lazy<SnapshotSerializer> Serializer = new(() => new SnapshotSerializer(new GlobalSnapshotSettingsResolver()));

    /// <summary>Against <paramref name="provider"/>'s reviewed shapes, <c>snapshots/&lt;provider&gt;/</c>.</summary>
    public static void Match(ShapeCase shapeCase, string shape, string provider) =>
        Match(shapeCase, shape, FilesOf(provider));

    /// <summary>Each provider's reviewed shapes, and the shapes received from it, in a folder of their own.</summary>
    public static TopLevelSnapshotFiles FilesOf(string provider) =>
        new(Path.Combine(RepoPaths.Snapshots, provider), Path.Combine(ReceivedRoot, provider));

    /// <param name="files">Where snapshots and received shapes live (the repository's folders, or a test's own).</param>
    public static void Match(ShapeCase shapeCase, string shape, TopLevelSnapshotFiles files)
    {
        ArgumentNullException.ThrowIfNull(shapeCase);
        ArgumentNullException.ThrowIfNull(files);
        var name = files.FullNameOf(shapeCase.SnapshotPath);
        if (SnapshotSettings.Accepting)
        {
            if (SnapshotSettings.StrictMode)
                throw new ShapeMismatchException($"{SnapshotSettings.AcceptVariable} is refused while {SnapshotSettings.StrictModeVariable} is on: accepting a shape is a reviewed change made locally, never by CI.");
            files.SaveNewSnapshot(name, shape);
        }

        var reviewed = files.TryReadSnapshot(name, out var expected);
        try
        {
            Assertion(files).AssertSnapshot(shape, name, new MatchOptions());
        }
        catch (SnapshotNotFoundException)
        {
            throw new ShapeMismatchException(
                $"No reviewed snapshot for {shapeCase} at {Relative(TopLevelSnapshotFiles.SnapshotPathOf(name))}; strict mode ({SnapshotSettings.StrictModeVariable}) never creates one.\n"
                + Footer(files, name));
        }
        catch (XunitException) when (reviewed)
        {
            var changes = ShapeDiff.Describe(expected, shape);
            throw new ShapeMismatchException(
                $"The {shapeCase} shape differs from its reviewed snapshot {Relative(TopLevelSnapshotFiles.SnapshotPathOf(name))}:\n"
                + string.Concat(changes.Select(c => $"  {c}\n"))
                + Footer(files, name));
        }
    }

    private static SnapshotAssert Assertion(TopLevelSnapshotFiles files)
    {
        var serializer = Serializer.Value;
        return new SnapshotAssert(serializer, files, new SnapshotEnvironmentCleaner(files),
            new JsonSnapshotComparer(new XunitAssert(), serializer), new JsonSnapshotFormatter(serializer));
    }

    private static string Footer(TopLevelSnapshotFiles files, SnapshotFullName name) =>
        $"Received shape: {Relative(files.ReceivedPathOf(name))}\n"
        + $"If the change is intended, accept it and commit the .snap file so the pull request shows it:\n  {SnapshotSettings.AcceptCommand}";

    private static string Relative(string path) => Path.GetRelativePath(RepoPaths.Root, path).Replace('\\', '/');
}
