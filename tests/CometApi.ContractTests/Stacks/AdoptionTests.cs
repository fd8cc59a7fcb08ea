using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;
using CometApi.Reliability.Adoption;
using CometApi.Reliability.Configuration;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CometApi.ContractTests.Stacks;

/// <summary>
/// A new .NET service adopts the client with the README's Program.cs lines: <see cref="ProgramAsync"/> holds them
/// (the README block is compared with them line for line), and these tests run them against the simulation.
/// </summary>
public sealed class AdoptionTests
{
    // The region between the markers is what the README shows under "Adopt it in a .NET service".
    private static async Task<ChatResponse> ProgramAsync(string[] args)
    {
        // README:program.cs:begin
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddCometApiChatClient(builder.Configuration) // COMETAPI_* settings, validated at start-up
            .UseLogging();                                           // any Microsoft.Extensions.AI middleware
        using var host = builder.Build();
        await host.StartAsync();                                     // a missing key or model stops the start here

        var chat = host.Services.GetRequiredService<IChatClient>();
        var response = await chat.GetResponseAsync("Return the word pong and no other text.");
        // response.AsChatResult() is the classified result; a failure throws ChatCallException (ex.Result.Class)
        // README:program.cs:end
        await host.StopAsync();
        return response;
    }

    private static string[] Args(SimulatedCometApi world, bool withKey = true) =>
    [
        .. withKey ? new[] { $"--{CometApiConfiguration.ApiKey}={world.ApiKey}" } : [],
        $"--{CometApiConfiguration.ChatEndpoint}={world.ChatEndpoint}",
        $"--{CometApiConfiguration.Model}=gpt-5.4-mini",
        $"--{CometApiContractsOptions.FolderKey}={RepoPaths.Contracts}",
    ];

    [OfflineFact]
    [Checklist("CL2")]
    public async Task The_readme_program_answers_through_IChatClient_with_the_classified_result_attached()
    {
        using var world = new SimulatedCometApi();
        ScenarioSimulator.Mount(world.Primary, FixtureCatalog.Default["success-pong"], streaming: false);

        var response = await ProgramAsync(Args(world));

        response.Text.Should().Be("pong");
        var result = response.AsChatResult();
        result.Should().NotBeNull("the classified result rides on the response");
        result!.Class.Should().Be(FailureClass.Success);
        result.Attempts.Should().ContainSingle();
        world.PrimaryAttempts.Should().Be(1);
        world.Primary.LogEntries.Single().RequestMessage!.Headers!["Authorization"].Should().Equal($"Bearer {world.ApiKey}");
        response.Usage!.TotalTokenCount.Should().Be(result.Usage!.TotalTokens);
    }

    [Fact]
    public void The_adapter_hands_out_the_client_and_its_metadata()
    {
        using var world = new SimulatedCometApi();
        using var client = world.CreateClient();
        using var chat = client.AsIChatClient();

        chat.GetService<CometApi.Reliability.Client.CometApiChatClient>().Should().BeSameAs(client);
        chat.GetService<ChatClientMetadata>()!.ProviderName.Should().Be("cometapi");
        chat.GetService<IChatClient>().Should().BeSameAs(chat);
        chat.GetService<ChatClientMetadata>("some key").Should().BeNull("keyed services are not offered");
    }

    [OfflineFact]
    [Checklist("CL3")]
    public async Task Without_a_key_the_service_does_not_start_and_nothing_is_sent()
    {
        using var world = new SimulatedCometApi();
        ScenarioSimulator.Mount(world.Primary, FixtureCatalog.Default["success-pong"], streaming: false);

        var start = () => ProgramAsync(Args(world, withKey: false));

        var failure = (await start.Should().ThrowAsync<OptionsValidationException>()).Which;
        failure.Message.Should().Contain(CometApiConfiguration.ApiKey, "the error names the setting to fix");
        world.PrimaryAttempts.Should().Be(0, "ValidateOnStart fails before the first request");
    }

    [OfflineFact]
    [Checklist("CL2")]
    public async Task A_missing_contracts_folder_stops_the_start()
    {
        using var world = new SimulatedCometApi();
        var args = Args(world).Select(a => a.StartsWith($"--{CometApiContractsOptions.FolderKey}=", StringComparison.Ordinal)
            ? $"--{CometApiContractsOptions.FolderKey}={Path.Combine(RepoPaths.Root, "no-such-folder")}" : a).ToArray();

        var failure = (await ((Func<Task>)(() => ProgramAsync(args))).Should().ThrowAsync<OptionsValidationException>()).Which;

        failure.Message.Should().Contain(CometApiContractsOptions.FolderKey);
        world.PrimaryAttempts.Should().Be(0);
    }

    [OfflineFact]
    [Checklist("CL3", "CL6")]
    public async Task A_failure_throws_ChatCallException_carrying_the_class_and_never_the_key()
    {
        using var world = new SimulatedCometApi();
        ScenarioSimulator.Mount(world.Primary, FixtureCatalog.Default["auth-revoked-key-401"], streaming: false);

        var failure = (await ((Func<Task>)(() => ProgramAsync(Args(world)))).Should().ThrowAsync<ChatCallException>()).Which;

        failure.Result.Class.Should().Be(FailureClass.Authentication);
        failure.Result.Attempts.Should().ContainSingle("authentication is never retried");
        failure.ToString().Should().NotContain(world.ApiKey);
    }

    [OfflineFact]
    [Checklist("CL4")]
    public async Task A_cut_stream_reaches_an_IChatClient_caller_as_an_exception_after_its_deltas()
    {
        using var world = new SimulatedCometApi();
        ScenarioSimulator.Mount(world.Primary, FixtureCatalog.Default["stream-cut"], streaming: true);
        using var client = world.CreateClient();
        var chat = client.AsIChatClient();
        var deltas = new List<string>();

        var read = async () =>
        {
            await foreach (var update in chat.GetStreamingResponseAsync("Return the word pong and no other text."))
                if (update.Text is { Length: > 0 } text) deltas.Add(text);
        };

        var failure = (await read.Should().ThrowAsync<ChatCallException>()).Which;
        failure.Result.Class.Should().Be(FailureClass.StreamTruncated);
        deltas.Should().NotBeEmpty("the deltas before the cut were delivered");
        string.Concat(deltas).Should().Be(failure.Result.Text);
    }

    [OfflineFact]
    [Checklist("CL4", "CL7")]
    public async Task A_streamed_answer_ends_with_an_update_carrying_usage_and_the_result()
    {
        using var world = new SimulatedCometApi();
        ScenarioSimulator.Mount(world.Primary, FixtureCatalog.Default["stream-usage"], streaming: true);
        using var client = world.CreateClient();

        var updates = await client.AsIChatClient().GetStreamingResponseAsync("Return the word pong and no other text.").ToListAsync();

        var result = updates[^1].RawRepresentation.Should().BeOfType<ChatResult>().Which;
        result.Class.Should().Be(FailureClass.Success);
        string.Concat(updates.Select(u => u.Text)).Should().Be(result.Text);
        updates[^1].Contents.OfType<UsageContent>().Single().Details.TotalTokenCount.Should().Be(result.Usage!.TotalTokens);
    }

    [Fact]
    public void The_readme_shows_exactly_the_lines_the_test_runs()
    {
        var source = File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "CometApi.ContractTests", "Stacks", "AdoptionTests.cs"));
        var readme = File.ReadAllText(RepoPaths.Readme);

        var tested = Between(source, "// README:program.cs:begin", "// README:program.cs:end");
        var shown = Between(readme, "<!-- program.cs:begin -->", "<!-- program.cs:end -->")
            .Where(l => !l.StartsWith("```", StringComparison.Ordinal) && !System.Text.RegularExpressions.Regex.IsMatch(l, @"^using [\w.]+;$")).ToList();

        tested.Should().NotBeEmpty();
        shown.Should().Equal(tested, "the README's Program.cs lines are the ones AdoptionTests runs");
    }

    private static List<string> Between(string text, string begin, string end)
    {
        var start = text.IndexOf(begin, StringComparison.Ordinal);
        var stop = text.IndexOf(end, StringComparison.Ordinal);
        start.Should().BeGreaterThan(-1, $"'{begin}' marks the block");
        stop.Should().BeGreaterThan(start, $"'{end}' closes the block");
        return text[(start + begin.Length)..stop].Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
    }
}
