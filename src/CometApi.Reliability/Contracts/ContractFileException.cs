namespace CometApi.Reliability.Contracts;

/// <summary>A contract file (provider profile, failure policy) is missing or malformed: a startup error.</summary>
public sealed class ContractFileException(string path, string problem, Exception? inner = null)
    : Exception($"Contract file '{path}' is invalid: {problem}", inner)
{
    public string FilePath { get; } = path;
    public string Problem { get; } = problem;
}
