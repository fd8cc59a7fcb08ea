using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace CometApi.Benchmarks;

/// <summary>
/// BenchmarkDotNet's ShortRun (one launch, three warm-ups, three iterations) made steadier for a shared two-core
/// machine, where the ratio's spread (RatioSD about 0.25 with ten iterations) was too wide to decide a 1.15x target:
/// twenty measured iterations after six warm-ups, the median shown. Pinning the process to one core
/// (<c>WithAffinity</c>) was tried and left out: under a load average of 17-20 it did not narrow the spread (README).
/// About 25 s per benchmark.
/// </summary>
public sealed class SteadyShortJob : ManualConfig
{
    public SteadyShortJob()
    {
        AddJob(Job.ShortRun.WithWarmupCount(6).WithIterationCount(20).WithId("SteadyShort"));
        AddColumn(StatisticColumn.Median);
    }
}
