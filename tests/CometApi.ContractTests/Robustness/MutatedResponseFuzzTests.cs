using CometApi.ContractTests.Fuzzing;
using CometApi.ContractTests.Infrastructure;
using CometApi.Reliability;
using CsCheck;
using WireMock.RequestBuilders;
using Xunit.Abstractions;

namespace CometApi.ContractTests.Robustness;

/// <summary>
/// CL4, many times over: good answers (fixtures/fuzz) mutated by CsCheck — cut short, values of the wrong type,
/// members dropped or renamed, invalid UTF-8, huge numbers, deep nesting, random bytes, [DONE] in odd places — and
/// fed to the client. Every case must end in one classified result (never an exception), and a success only where
/// <see cref="AnswerOracle"/> finds a valid answer with the same text. Most cases go through an in-process transport
/// (10,000 in a few seconds); a sample goes over loopback HTTP through WireMock, byte for byte.
/// Each run explores new cases; a failure prints CsCheck's seed and the shrunk body (copy it to findings.json).
/// </summary>
[Checklist("CL4")]
[StartsFirst]
public sealed class MutatedResponseFuzzTests(ITestOutputHelper output)
{
    private const int InProcessCases = 10_000;
    private const int LoopbackCases = 200;

    public static TheoryData<string> Findings => [.. FuzzVocabulary.Default.Findings.Select(f => f.Name)];

    [Fact]
    public async Task Every_seed_is_a_valid_answer_and_a_success_with_its_text()
    {
        var current = new AsyncLocal<Answer?>();
        using var world = InProcess(current);
        var client = world.CreateClient(SimulationTiming.Instant);

        foreach (var seed in FuzzVocabulary.Default.Seeds)
        {
            foreach (var stream in seed.Sse ? [true] : new[] { false, true })
            {
                current.Value = new FuzzCase(seed, stream, [], [], []).Answer;
                var call = await FuzzCall.RunAsync(client, stream);

                AnswerOracle.Judge(current.Value.Body, seed.Sse).Valid.Should().BeTrue($"{seed} is a good answer");
                call.Result.Class.Should().Be(FailureClass.Success, $"{seed} is a good answer");
                call.ShouldBeClassifiedAndHonest(current.Value);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Findings))]
    public async Task What_the_fuzzer_found_stays_fixed(string name)
    {
        var finding = FuzzVocabulary.Default.Findings.Single(f => f.Name == name);
        var current = new AsyncLocal<Answer?> { Value = finding.Answer };
        using var world = InProcess(current);

        var call = await FuzzCall.RunAsync(world.CreateClient(SimulationTiming.Instant), finding.Stream);

        call.Result.Class.WireName().Should().Be(finding.Expect);
        call.ShouldBeClassifiedAndHonest(finding.Answer);
    }

    [Fact]
    public async Task Ten_thousand_mutated_answers_each_end_classified_and_only_valid_ones_succeed()
    {
        var current = new AsyncLocal<Answer?>();
        using var world = InProcess(current);
        var client = world.CreateClient(SimulationTiming.Instant);
        var classes = new Tally();
        var oracle = new Tally();

        await FuzzGenerators.Cases(FuzzVocabulary.Default).SampleAsync(async fuzz =>
        {
            current.Value = fuzz.Answer;
            var call = await FuzzCall.RunAsync(client, fuzz.StreamRequested);
            call.ShouldBeClassifiedAndHonest(fuzz.Answer);
            classes.Add(call.Result.Class.WireName());
            oracle.Add(AnswerOracle.Judge(fuzz.Body, fuzz.Seed.Sse).Valid ? "valid" : "invalid");
            return call.Result.Class.WireName();
        }, writeLine: output.WriteLine, iter: InProcessCases, print: c => c.ToString());

        output.WriteLine($"In-process fuzz cases by class: {classes}");
        output.WriteLine($"Oracle verdicts: {oracle}; HTTP requests made: {world.Handler.Requests}");
        classes.Total.Should().Be(InProcessCases);
        classes[FailureClass.Success.WireName()].Should().BeGreaterThan(0, "some mutations leave a valid answer");
        classes.Counts.Keys.Should().Contain(FailureClass.UnknownShape.WireName()).And.Contain(FailureClass.StreamTruncated.WireName());
    }

    [Fact]
    public async Task A_sample_of_mutated_answers_over_loopback_http_ends_the_same_way()
    {
        Answer? current = null;
        using var world = new SimulatedCometApi();
        world.Primary.Given(Request.Create().WithPath(ScenarioSimulator.ChatCompletionsPath).UsingPost())
            .RespondWith(new RawBytesResponder(() => (current!.Body, current.MediaType)));
        var client = world.CreateClient(SimulationTiming.Instant);
        var classes = new Tally();

        // One case at a time: the provider answers whatever case is current.
        await FuzzGenerators.Cases(FuzzVocabulary.Default).SampleAsync(async fuzz =>
        {
            current = fuzz.Answer;
            var call = await FuzzCall.RunAsync(client, fuzz.StreamRequested);
            call.ShouldBeClassifiedAndHonest(fuzz.Answer);
            classes.Add(call.Result.Class.WireName());
        }, iter: LoopbackCases, threads: 1, print: c => c.ToString());

        output.WriteLine($"Loopback (WireMock) fuzz cases by class: {classes}");
        classes.Total.Should().Be(LoopbackCases);
    }

    private static InProcessCometApi InProcess(AsyncLocal<Answer?> current) =>
        new(new InProcessHandler((_, _, _) => Task.FromResult(InProcessHandler.Respond(current.Value!.Body, current.Value.MediaType))));
}
