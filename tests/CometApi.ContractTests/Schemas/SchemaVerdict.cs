namespace CometApi.ContractTests.Schemas;

/// <summary>
/// The outcome of validating one JSON text against one schema. Errors name JSON paths and rule kinds only, never
/// values, so a verdict can be printed without leaking prompt text or keys.
/// </summary>
public sealed record SchemaVerdict(ContractSchema Schema, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;

    public override string ToString() =>
        IsValid ? $"valid {Schema}" : $"{Schema}: {string.Join("; ", Errors)}";
}
