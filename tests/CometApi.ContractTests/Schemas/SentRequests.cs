using CometApi.ContractTests.Infrastructure;

namespace CometApi.ContractTests.Schemas;

/// <summary>What the client sent in a simulated world, held to the request schema.</summary>
public static class SentRequests
{
    /// <summary>
    /// Every request body either provider received conforms to the request schema. The failure names the request
    /// and the JSON paths that broke, never the body (it holds the prompt).
    /// </summary>
    public static void ShouldHaveSentOnlyContractRequests(this SimulatedCometApi world)
    {
        ArgumentNullException.ThrowIfNull(world);
        var broken = world.ReceivedBodies()
            .Select(b => (b.Where, Verdict: ContractSchemas.Validate(ContractSchema.ChatCompletionRequest, b.Body)))
            .Where(b => !b.Verdict.IsValid)
            .Select(b => $"{b.Where}: {string.Join("; ", b.Verdict.Errors)}")
            .ToList();

        broken.Should().BeEmpty("every request the client sends must conform to contracts/schemas/{0}", ContractSchema.ChatCompletionRequest.FileName());
    }
}
