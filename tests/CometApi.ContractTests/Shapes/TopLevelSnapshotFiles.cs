using System.Text;
using Snapshooter;
using Snapshooter.Core;

namespace CometApi.ContractTests.Shapes;

/// <summary>
/// Snapshooter's file handler, bent to this repository's layout: a snapshot lives exactly at its
/// <see cref="SnapshotFullName"/> (a folder under the top-level <c>snapshots/</c>, no <c>__snapshots__</c> subfolder found
/// through PDB paths), and a received shape that did not match goes to the same relative path under a git-ignored
/// folder CI can upload. Files are UTF-8 without BOM, LF line endings.
/// </summary>
public sealed class TopLevelSnapshotFiles(string snapshotsRoot, string receivedRoot) : ISnapshotFileHandler
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public string SnapshotsRoot { get; } = Path.GetFullPath(snapshotsRoot);

    public string ReceivedRoot { get; } = Path.GetFullPath(receivedRoot);

    /// <param name="relativePath">e.g. <c>chat-completions/streaming/success-pong.snap</c>.</param>
    public SnapshotFullName FullNameOf(string relativePath)
    {
        var path = Path.Combine(SnapshotsRoot, relativePath);
        return new SnapshotFullName(Path.GetFileName(path), Path.GetDirectoryName(path)!);
    }

    public static string SnapshotPathOf(SnapshotFullName name) => Path.Combine(name.FolderPath, name.Filename);

    public string ReceivedPathOf(SnapshotFullName name) => Path.Combine(ReceivedFolderOf(name), name.Filename);

    public string SaveNewSnapshot(SnapshotFullName snapshotFullName, string snapshotData) =>
        Write(SnapshotPathOf(snapshotFullName), snapshotData);

    public string SaveMismatchSnapshot(SnapshotFullName snapshotFullName, string snapshotData) =>
        Write(ReceivedPathOf(snapshotFullName), snapshotData);

    public string ReadSnapshot(SnapshotFullName snapshotFullName) =>
        TryReadSnapshot(snapshotFullName, out var data) ? data : throw new FileNotFoundException("No snapshot.", SnapshotPathOf(snapshotFullName));

    public bool TryReadSnapshot(SnapshotFullName snapshotFullName, out string snapshotData)
    {
        var path = SnapshotPathOf(snapshotFullName);
        var exists = File.Exists(path);
        snapshotData = exists ? File.ReadAllText(path, Utf8).ReplaceLineEndings("\n") : null!; // Snapshooter reads null as "none yet"
        return exists;
    }

    public void DeleteSnapshot(SnapshotFullName snapshotFullName) => File.Delete(SnapshotPathOf(snapshotFullName));

    /// <summary>Snapshooter clears its mismatch folder once per folder and run: here, the received shapes of that folder.</summary>
    public void DeleteSnapshotSubfolder(SnapshotFullName snapshotFullName, string subfolderName)
    {
        var folder = ReceivedFolderOf(snapshotFullName);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private string ReceivedFolderOf(SnapshotFullName name) =>
        Path.Combine(ReceivedRoot, Path.GetRelativePath(SnapshotsRoot, name.FolderPath));

    private static string Write(string path, string data)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, data.ReplaceLineEndings("\n"), Utf8);
        return path;
    }
}
