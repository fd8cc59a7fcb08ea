using System.Text.Json.Serialization;

namespace CometApi.Reliability.Contracts;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(FailurePolicyDocument))]
[JsonSerializable(typeof(ProviderProfile))]
[JsonSerializable(typeof(FailurePolicyOverrides))]
internal sealed partial class ContractJsonContext : JsonSerializerContext;
