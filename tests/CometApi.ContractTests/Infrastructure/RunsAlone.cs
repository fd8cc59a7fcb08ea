namespace CometApi.ContractTests.Infrastructure;

/// <summary>
/// Tests that load the machine or measure the whole process (memory) run in this collection: xunit runs it on its
/// own, after the parallel collections, so no other test's traffic or allocations land in their numbers.
/// </summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
