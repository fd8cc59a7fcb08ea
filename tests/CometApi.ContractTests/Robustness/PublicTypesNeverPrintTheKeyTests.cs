using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;
using CometApi.Reliability.Adoption;
using CometApi.Reliability.Client;
using CometApi.Reliability.Configuration;
using CometApi.Reliability.Contracts;
using Microsoft.Extensions.AI;
using Xunit.Abstractions;

namespace CometApi.ContractTests.Robustness;

/// <summary>
/// No public type of the client prints the key in ToString() (or, for an exception, anywhere in its text). Instances
/// come from real calls to a provider that echoes the key (results, attempts, metadata, stream events, ledger rows,
/// the client, its exceptions), from the configuration path, and for every other public type from
/// <see cref="PublicTypeSamples"/> with the key in every member named for a secret. A public type nobody can build
/// fails the test until it gets a recipe.
/// </summary>
[Checklist("CL3")]
public sealed class PublicTypesNeverPrintTheKeyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task No_public_type_prints_the_key_in_ToString_or_an_exception()
    {
        using var world = new SimulatedCometApi();
        KeyEcho.ErrorBody(world.Primary, world.ApiKey, System.Net.HttpStatusCode.Unauthorized);
        world.StartFallback(s => ScenarioSimulator.Mount(s, FixtureCatalog.Default["success-pong"], true, FixtureCatalog.Default.Root));
        var client = world.CreateClient();
        var samples = new List<object> { client, world.Ledger, world.Options(), world.Options().Fallback!, new SecretRedactor([world.ApiKey]), TestContracts.Set, TestContracts.Policy };
        foreach (var streaming in new[] { false, true })
        {
            var events = new List<ChatStreamEvent>();
            var result = streaming ? await CollectAsync(client, events) : await client.CompleteAsync(LeakMarkers.PongRequest());
            samples.AddRange([result, result.Metadata, .. result.Attempts, .. events, Record.Exception(() => result.EnsureSuccess())!]);
        }

        samples.AddRange(world.Ledger.Rows);
        var chat = client.AsIChatClient();
        samples.AddRange([chat, new CometApiContractsOptions(), (await Record.ExceptionAsync(() => chat.GetResponseAsync("Return the word pong and no other text.")))!]);
        samples.Add(Record.Exception(() => new CometApiChatClient(new CometApiOptions { ApiKey = world.ApiKey, ChatEndpoint = "http://api.cometapi.com/v1" }, TestContracts.Set))!);
        var contracts = FolderWithAProfileQuoting(world.ApiKey);
        samples.Add(Record.Exception(() => ContractSet.Load(contracts))!);
        Directory.Delete(contracts, recursive: true);
        var builder = new PublicTypeSamples(world.ApiKey);
        var publicTypes = typeof(CometApiChatClient).Assembly.GetExportedTypes()
            .Where(t => !t.IsInterface && !t.IsEnum && !(t.IsAbstract && t.IsSealed))
            .Select(t => t.IsGenericTypeDefinition ? t.MakeGenericType(typeof(string)) : t)
            .ToList();
        foreach (var type in publicTypes.Where(t => !samples.Any(t.IsInstanceOfType)))
        {
            if (builder.Build(type) is { } built) samples.Add(built);
        }

        output.WriteLine($"{publicTypes.Count} public types, {samples.Count} instances checked");
        publicTypes.Where(t => !samples.Any(t.IsInstanceOfType)).Should().BeEmpty("every public type is checked (give a new one a recipe here)");
        samples.OfType<CometApiOptions>().Should().Contain(o => o.ApiKey == world.ApiKey, "the key is really in the samples");
        foreach (var sample in samples)
        {
            sample.ToString().Should().NotContain(world.ApiKey, $"{sample.GetType().Name}.ToString() must never print the key");
            sample.ToString().Should().NotContain(world.FallbackApiKey, $"{sample.GetType().Name}.ToString() must never print the fallback key");
        }
    }

    private static async Task<ChatResult> CollectAsync(CometApiChatClient client, List<ChatStreamEvent> events)
    {
        await foreach (var e in client.StreamAsync(LeakMarkers.PongRequest())) events.Add(e);
        return events[^1].Result!;
    }

    /// <summary>A contracts folder whose profile is not JSON and holds the key, as a careless edit could leave it.</summary>
    private static string FolderWithAProfileQuoting(string key)
    {
        var folder = Directory.CreateTempSubdirectory("cometapi-contracts-").FullName;
        var provider = Directory.CreateDirectory(Path.Combine(folder, ProviderCatalog.FolderName, ProviderCatalog.DefaultProvider)).FullName;
        File.WriteAllText(Path.Combine(provider, ProviderCatalog.ProfileFileName), $"{{ \"provider\": \"cometapi\", \"apiKey\": {key} }}");
        return folder;
    }
}
