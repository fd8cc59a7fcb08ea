using CometApi.Simulation.Standalone;
using CometApi.Simulator;

namespace CometApi.ContractTests.Simulator;

/// <summary>The console host's command line: documented, loopback and port 5080 by default, strict about bad input.</summary>
public sealed class SimulatorCommandTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public void The_banner_warns_when_bound_beyond_loopback()
    {
        var options = new SimulatorOptions { Port = 0 };

        SimulatorCommand.Banner(fixture.Simulator, options).Should().NotContain("WARNING");
        SimulatorCommand.Banner(fixture.Simulator, options with { Host = "localhost" }).Should().NotContain("WARNING");
        SimulatorCommand.Banner(fixture.Simulator, options with { Host = "0.0.0.0" }).Should().Contain("WARNING: bound to 0.0.0.0, not loopback");
    }

    [Fact]
    public async Task Help_documents_the_options_the_selectors_the_admin_routes_and_the_fake_key()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await SimulatorCommand.RunAsync(["--help"], output, error, CancellationToken.None);

        code.Should().Be(0);
        output.ToString().Should().Contain("--port").And.Contain("--host").And.Contain("--fixtures").And.Contain("/scenarios/<name>/v1")
            .And.Contain(ScenarioRoute.SelectorHeader).And.Contain("/__simulator/scenarios").And.Contain("/__simulator/reset").And.Contain("fake key");
    }

    [Fact]
    public void By_default_it_binds_loopback_on_5080_with_the_repository_fixtures()
    {
        var options = SimulatorCommand.ParseServe([]);

        options.Host.Should().Be("127.0.0.1");
        options.Port.Should().Be(5080);
        options.FixturesRoot.Should().BeNull("null means the repository's fixtures, looked up only when it starts");
        SimulatorCommand.ParseServe(["--fixtures", "some/where"]).FixturesRoot.Should().Be(Path.GetFullPath("some/where"));
        SimulatorCommand.ParseServe(["--port", "0", "--host", "0.0.0.0"]).Should().Be(options with { Port = 0, Host = "0.0.0.0" });
        options.Provider.Should().Be("cometapi");
        SimulatorCommand.ParseServe(["--provider", "openai"]).Provider.Should().Be("openai");
    }

    [Fact]
    public void The_healthy_provider_speaks_the_chosen_profile_and_an_unknown_one_names_the_known()
    {
        using (var openai = StandaloneSimulator.Start(new SimulatorOptions { Port = 0, Provider = "openai" }))
        {
            openai.PersonalityFiles.Should().NotBeEmpty().And.OnlyContain(f => Path.GetDirectoryName(f)!.EndsWith(Path.Combine("live-simulator", "openai"), StringComparison.Ordinal));
        }

        var start = () => StandaloneSimulator.Start(new SimulatorOptions { Port = 0, Provider = "no-such-provider" });
        start.Should().Throw<ArgumentException>().WithMessage("*no-such-provider*cometapi*openai*");
    }

    [Theory]
    [InlineData("--port", "http")]
    [InlineData("--port", "70000")]
    [InlineData("--bogus", "1")]
    [InlineData("--host")]
    public async Task Bad_arguments_exit_2_with_a_message_and_start_nothing(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await SimulatorCommand.RunAsync(args, output, error, CancellationToken.None);

        code.Should().Be(2);
        error.ToString().Should().Contain(args[0]).And.Contain("--help");
        output.ToString().Should().BeEmpty();
    }

    [Fact]
    public async Task Serving_prints_the_address_and_the_fake_key_and_stops_on_cancel()
    {
        using var output = new StringWriter();
        using var stop = new CancellationTokenSource();
        var printed = new TaskCompletionSource();
        using var watched = new SignallingWriter(output, printed);

        var run = SimulatorCommand.RunAsync(["--port", "0"], watched, TextWriter.Null, stop.Token);
        await printed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();

        (await run).Should().Be(0);
        output.ToString().Should().Contain("http://127.0.0.1:").And.Contain(StandaloneSimulator.AcceptedKey).And.Contain("37 scenarios");
    }

    /// <summary>Completes a signal on the first line written: the banner is out, the server is up.</summary>
    private sealed class SignallingWriter(TextWriter inner, TaskCompletionSource written) : TextWriter
    {
        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void Write(char value) => inner.Write(value);

        public override Task WriteLineAsync(string? value)
        {
            inner.WriteLine(value);
            written.TrySetResult();
            return Task.CompletedTask;
        }
    }
}
