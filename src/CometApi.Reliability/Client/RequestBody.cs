using System.Text.Json;
using CometApi.Reliability.Parsing;

namespace CometApi.Reliability.Client;

/// <summary>
/// The JSON a chat request becomes on the wire: the endpoint's model unless the request names one, <c>stream</c>
/// always set, and <c>stream_options.include_usage</c> only on a streamed request (so the last chunk carries usage).
/// </summary>
internal static class RequestBody
{
    public static byte[] Serialize(ChatCompletionRequest request, string model, bool streaming) =>
        JsonSerializer.SerializeToUtf8Bytes(request with
        {
            Model = request.Model ?? model,
            Stream = streaming,
            StreamOptions = streaming ? new StreamOptions(IncludeUsage: true) : null,
        }, WireJsonContext.Default.ChatCompletionRequest);
}
