using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace CometApi.Benchmarks;

/// <summary>
/// BenchmarkDotNet's ShortRun (one launch, three warm-ups, three iterations) made steadier for a shared two-core
/// machine, where the ratio's spread (RatioSD about 0.25 with ten iterations) was too wide to decide a 1.15x target:
/// twenty measured iterations after six warm-ups, the median shown, and the benchmark process pinned to the second
/// core (the stub process and the rest of the machine keep the first to themselves as far as the scheduler allows),
/// so the contenders are not migrated between cores mid-iteration. Still about a minute per benchmark.
/// </summary>
public sealed class SteadyShortJob : ManualConfig
{
    public SteadyShortJob()
    {
        AddJob(Job.ShortRun.WithWarmupCount(6).WithIterationCount(20).WithAffinity(new IntPtr(0b10)).WithId("SteadyShort"));
        AddColumn(StatisticColumn.Median);
    }
}
