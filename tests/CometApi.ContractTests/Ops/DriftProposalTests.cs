using System.Diagnostics;
using CometApi.ContractTests.Infrastructure;

namespace CometApi.ContractTests.Ops;

/// <summary>
/// .ci/drift-pr, offline: in a throw-away git repository with committed snapshots, fed the received shapes of a
/// "live run", it must commit exactly the drifted ones (changed and new, never an equal one) on drift/&lt;provider&gt;/&lt;date&gt;,
/// describe them with their drift lines, leave the checkout alone, and do nothing at all without drift.
/// </summary>
public sealed class DriftProposalTests : IDisposable
{
    private static readonly string Script = Path.Combine(RepoPaths.Root, ".ci", "drift-pr");
    private readonly DirectoryInfo _repo = Directory.CreateTempSubdirectory("drift-repo-");

    public DriftProposalTests()
    {
        Git("init", "-q", "-b", "main");
        Git("config", "user.name", "Test");
        Git("config", "user.email", "test@example.invalid");
        Write("snapshots/chat-completions/non-streaming/success-pong.snap", "$.id: string\n$.usage.prompt_tokens: integer\n");
        Write("snapshots/chat-completions/streaming/success-pong.snap", "$[*].id: string\n");
        Git("add", ".");
        Git("commit", "-q", "-m", "reviewed snapshots");
    }

    [Fact]
    public void Changed_and_new_shapes_are_committed_on_a_drift_branch_with_their_drift_lines()
    {
        Write("artifacts/snapshots/received/chat-completions/non-streaming/success-pong.snap", "$.id: string\n$.usage.prompt_tokens: string\n");
        Write("artifacts/snapshots/received/chat-completions/streaming/success-pong.snap", "$[*].id: string\n"); // no drift
        Write("artifacts/snapshots/received/chat-completions/non-streaming/refusal.snap", "$.choices[*].message.refusal: string\n");
        var head = Git("rev-parse", "HEAD");

        var run = DriftPr("--provider", "cometapi", "--date", "2026-12-01", "--run-url", "https://example.invalid/run/1");

        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.Should().Contain("drift=true").And.Contain("branch=drift/cometapi/2026-12-01").And.Contain("files=2");
        Git("diff", "--name-status", "main", "drift/cometapi/2026-12-01").Split('\n').Should().BeEquivalentTo(
            "M\tsnapshots/chat-completions/non-streaming/success-pong.snap",
            "A\tsnapshots/chat-completions/non-streaming/refusal.snap");
        Git("show", "drift/cometapi/2026-12-01:snapshots/chat-completions/non-streaming/success-pong.snap")
            .Should().Be("$.id: string\n$.usage.prompt_tokens: string");
        Git("rev-parse", "drift/cometapi/2026-12-01^").Should().Be(head, "the drift branch starts from what was checked out");
        Git("log", "-1", "--format=%s", "drift/cometapi/2026-12-01").Should().Be("Shape drift: cometapi, 2026-12-01 (2 snapshot(s))");

        var description = File.ReadAllText(Path.Combine(_repo.FullName, "artifacts", "drift", "pr-description.md"));
        description.Should().Contain("-$.usage.prompt_tokens: integer\n+$.usage.prompt_tokens: string")
            .And.Contain("+$.choices[*].message.refusal: string")
            .And.Contain("| `snapshots/chat-completions/non-streaming/refusal.snap` | new |")
            .And.Contain("https://example.invalid/run/1")
            .And.NotContain("`snapshots/chat-completions/streaming/success-pong.snap`", "an equal shape is no drift");

        Git("rev-parse", "--abbrev-ref", "HEAD").Should().Be("main", "the checkout is left alone");
        Git("status", "--porcelain", "--untracked-files=no").Should().BeEmpty("neither the working tree nor the index changed");
    }

    [Fact]
    public void Without_drift_nothing_is_committed_and_no_branch_is_made()
    {
        Write("artifacts/snapshots/received/chat-completions/streaming/success-pong.snap", "$[*].id: string\n");

        var equal = DriftPr("--date", "2026-12-01");
        Directory.Delete(Path.Combine(_repo.FullName, "artifacts"), recursive: true);
        var none = DriftPr("--date", "2026-12-01");

        foreach (var run in new[] { equal, none })
        {
            run.ExitCode.Should().Be(0, run.Stderr);
            run.Stdout.Should().Contain("no drift").And.Contain("drift=false").And.NotContain("branch=");
        }

        Git("branch", "--list", "drift/*").Should().BeEmpty();
        File.Exists(Path.Combine(_repo.FullName, "artifacts", "drift", "pr-description.md")).Should().BeFalse();
    }

    [Theory]
    [InlineData("--provider", "../main")]
    [InlineData("--date", "tomorrow")]
    public void A_branch_name_part_that_is_not_one_safe_segment_is_refused(string option, string value)
    {
        Write("artifacts/snapshots/received/chat-completions/streaming/success-pong.snap", "$[*].id: integer\n");

        var run = DriftPr(option, value);

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain(option);
        Git("branch", "--list", "drift/*").Should().BeEmpty();
    }

    public void Dispose() => _repo.Delete(recursive: true);

    private void Write(string relativePath, string text)
    {
        var path = Path.Combine(_repo.FullName, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private string Git(params string[] arguments)
    {
        var run = Run("git", arguments, null);
        if (run.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {run.Stderr}");
        return run.Stdout.TrimEnd('\n');
    }

    private ScriptRun DriftPr(params string[] arguments) =>
        Run("bash", [Script, .. arguments], new Dictionary<string, string?> { ["GITHUB_OUTPUT"] = null, ["COMETAPI_PROVIDER"] = null });

    private ScriptRun Run(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = _repo.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new ScriptRun(process.ExitCode, stdout.Result, stderr.Result);
    }
}
