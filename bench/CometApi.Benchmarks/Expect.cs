namespace CometApi.Benchmarks;

/// <summary>Sanity checks run once per benchmark setup: a benchmark of a client that gets the wrong answer measures nothing.</summary>
internal static class Expect
{
    public static void That(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException($"Benchmark setup check failed: {what}.");
    }

    public static void Pong(string? text, string contender) => That(text == "pong", $"{contender} answered '{text}', not 'pong'");
}
