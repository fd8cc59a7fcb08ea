using System.Text;
using CometApi.Reliability.Classification;
using CometApi.Reliability.Parsing;

namespace CometApi.ContractTests.Schemas;

/// <summary>The client's own reading of a non-streamed body, to hold next to a schema verdict.</summary>
public static class ClientParser
{
    public static BodyKind Read(string mediaType, string? body) =>
        BodyInspector.Inspect(mediaType, Encoding.UTF8.GetBytes(body ?? ""), tooLarge: false).Kind;
}
