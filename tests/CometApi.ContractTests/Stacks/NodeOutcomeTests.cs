namespace CometApi.ContractTests.Stacks;

/// <summary>
/// How the Node SDK's outcomes are read as failure classes, and that a machine without node or the npm package makes
/// the conformance test fail with what to install rather than pass.
/// </summary>
public sealed class NodeOutcomeTests
{
    [Theory]
    [InlineData("RateLimitError", 429, "rate_limit_exceeded", "rate_limited", "RateLimitError 429")]
    [InlineData("RateLimitError", 429, "insufficient_quota", "quota_exhausted", "RateLimitError 429")]
    [InlineData("InternalServerError", 500, "invalid_request", "invalid_request", "InternalServerError 500")]
    [InlineData("InternalServerError", 503, "model_not_found", "configuration", "InternalServerError 503")]
    [InlineData("AuthenticationError", 401, null, "authentication", "AuthenticationError 401")]
    [InlineData("APIConnectionError", null, null, "transport_failure", "APIConnectionError")]
    [InlineData("APIConnectionTimeoutError", null, null, "timeout", "APIConnectionTimeoutError")]
    [InlineData("SyntaxError", null, null, "unknown_shape", "SyntaxError")]
    [InlineData("APIError", null, "", "server_error", "APIError")]
    [InlineData("RangeError", null, null, "unclassified", "RangeError")]
    public void A_node_error_reads_as_the_class_a_dotnet_caller_would_see(string name, int? status, string? code, string expectedClass, string expectedSurface)
    {
        var result = new NodeCaseResult { Id = "x json", Error = new NodeError(name, status, code, "t", "message", null) };

        var recorded = NodeOutcome.ToCase(result, FixtureCatalog.Default["server-500"], streaming: false, attempts: 1, TimeSpan.FromSeconds(30));

        recorded.Outcome.Should().Be(expectedClass);
        recorded.Surface.Should().Be(expectedSurface);
    }

    [Fact]
    public void Answers_say_when_the_sdk_resolved_with_no_chat_completion_or_an_empty_stream()
    {
        NodeOutcome.SurfaceOf(new NodeCaseResult { Id = "a", Answer = new NodeAnswer(null, null, null, null, "string") }).Should().Be("answer (string, not a chat completion)");
        NodeOutcome.SurfaceOf(new NodeCaseResult { Id = "a", Answer = new NodeAnswer("", null, null, 0, null) }).Should().Be("answer (no chunks)");
        var cut = new NodeCaseResult { Id = "a", Deltas = ["po"], Error = new NodeError("TypeError", null, null, null, "terminated", "Error: read ECONNRESET") };
        var recorded = NodeOutcome.ToCase(cut, FixtureCatalog.Default["stream-cut"], streaming: true, attempts: 1, TimeSpan.FromSeconds(30));
        recorded.Outcome.Should().Be("transport_failure");
        recorded.TruncationSurfaced.Should().BeTrue();
    }

    [Fact]
    public void A_watchdog_stop_is_hung_and_past_the_deadline()
    {
        var stopped = new NodeCaseResult { Id = "a", WatchdogFired = true, ElapsedMs = 4001, Error = new NodeError("APIUserAbortError", null, null, null, "Request was aborted.", null) };

        var recorded = NodeOutcome.ToCase(stopped, FixtureCatalog.Default["stalled-body"], streaming: false, attempts: 1, TimeSpan.FromSeconds(4));

        recorded.Outcome.Should().Be("hung");
        recorded.WithinDeadline.Should().BeFalse();
    }

    [Fact]
    public async Task Without_node_or_the_npm_package_the_test_is_told_what_to_install()
    {
        await NodeSdkRun.EnsurePackagesAsync();
        var empty = Directory.CreateTempSubdirectory("node-missing-").FullName;

        NodeSdkRun.Missing(empty, empty).Should().StartWith("node was not found on PATH");
        var withNode = Path.Combine(empty, "bin");
        Directory.CreateDirectory(withNode);
        File.WriteAllText(Path.Combine(withNode, OperatingSystem.IsWindows() ? "node.exe" : "node"), "");
        NodeSdkRun.Missing(withNode, empty).Should().Contain("npm ci --prefix .ci/tools");
        NodeSdkRun.Missing(Environment.GetEnvironmentVariable("PATH") ?? "", NodeSdkRun.ToolsFolder).Should().BeNull("this machine has both (the conformance test needs them)");
    }
}
