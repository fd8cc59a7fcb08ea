using BenchmarkDotNet.Running;
using CometApi.Benchmarks;

// The host process starts the one stub every benchmark process of this run talks to, then hands over to
// BenchmarkDotNet (`-- --filter '*'` runs everything; `--list flat` names the benchmarks).
await using var stub = await LoopbackStub.StartAsync(StubBodies.Default);
Environment.SetEnvironmentVariable(LoopbackStub.UrlVariable, stub.Url.ToString());
Console.WriteLine($"Stub on {stub.Url}; suite scaling: " + string.Join(", ",
    new[] { 1, 4, 8, SuiteScalingBenchmarks.SimulatedClasses.Count }.Select(n => $"{n} class(es) = {SuiteScalingBenchmarks.RunsFor(n)} scenario runs")));
BenchmarkSwitcher.FromAssembly(typeof(LoopbackStub).Assembly).Run(args);
