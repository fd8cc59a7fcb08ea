using System.Runtime.CompilerServices;

namespace CometApi.ContractTests.Infrastructure;

/// <summary>
/// The thread pool of the test process starts with 64 workers. Starting a WireMock server blocks a thread for a
/// while, stalling responders hold one each, and four collections run at once: a pool that grows one thread at a
/// time would leave a localhost answer waiting seconds for a thread, and a timer would then measure the pool, not
/// the client. Only the test process: the client under test never blocks a pool thread.
/// </summary>
internal static class TestProcessThreads
{
    public const int MinimumWorkers = 64;

    [ModuleInitializer]
    internal static void Raise()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < MinimumWorkers) ThreadPool.SetMinThreads(MinimumWorkers, io);
    }
}
