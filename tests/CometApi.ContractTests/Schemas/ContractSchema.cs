namespace CometApi.ContractTests.Schemas;

/// <summary>The JSON Schemas in <c>contracts/schemas/</c>, one per wire shape.</summary>
public enum ContractSchema
{
    ChatCompletionRequest,
    ChatCompletionResponse,
    ChatCompletionChunk,
    ErrorBody,
    ModelsList,
}

public static class ContractSchemaFiles
{
    /// <summary>Definitions the chat schemas reference; not a wire shape of its own.</summary>
    public const string Common = "common.schema.json";

    public static string Folder => Path.Combine(RepoPaths.Contracts, "schemas");

    public static string FileName(this ContractSchema schema) => schema switch
    {
        ContractSchema.ChatCompletionRequest => "chat-completion-request.schema.json",
        ContractSchema.ChatCompletionResponse => "chat-completion-response.schema.json",
        ContractSchema.ChatCompletionChunk => "chat-completion-chunk.schema.json",
        ContractSchema.ErrorBody => "error-body.schema.json",
        ContractSchema.ModelsList => "models-list.schema.json",
        _ => throw new ArgumentOutOfRangeException(nameof(schema), schema, null),
    };

    public static string PathOf(this ContractSchema schema) => Path.Combine(Folder, schema.FileName());
}
