using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace CometApi.Benchmarks;

/// <summary>
/// BenchmarkDotNet's ShortRun (one launch, three warm-ups, three iterations) but with ten measured iterations and the
/// median shown: on a shared two-core machine three iterations let one noisy second decide a ratio. Still well under
/// a minute per benchmark.
/// </summary>
public sealed class SteadyShortJob : ManualConfig
{
    public SteadyShortJob()
    {
        AddJob(Job.ShortRun.WithIterationCount(10).WithId("SteadyShort"));
        AddColumn(StatisticColumn.Median);
    }
}
