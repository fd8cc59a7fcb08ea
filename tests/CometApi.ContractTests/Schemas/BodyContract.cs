namespace CometApi.ContractTests.Schemas;

/// <summary>
/// What a fixture body promises: the schema it is checked against and whether it must conform (a deliberately
/// broken body must not). No schema means the body is outside the JSON contract (an HTML page or a redirect).
/// </summary>
public sealed record BodyContract(ContractSchema? Schema, bool MustConform, string Reason)
{
    public static BodyContract Conforms(ContractSchema schema, string reason) => new(schema, true, reason);

    public static BodyContract Breaks(ContractSchema schema, string reason) => new(schema, false, reason);

    public static BodyContract NotJson(string reason) => new(null, false, reason);

    public override string ToString() =>
        Schema is null ? $"not JSON ({Reason})" : $"{(MustConform ? "conforms to" : "breaks")} {Schema} ({Reason})";
}
