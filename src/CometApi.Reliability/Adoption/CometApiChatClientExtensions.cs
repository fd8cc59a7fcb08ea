using CometApi.Reliability.Client;
using Microsoft.Extensions.AI;

namespace CometApi.Reliability.Adoption;

public static class CometApiChatClientExtensions
{
    /// <summary>This client as a Microsoft.Extensions.AI <see cref="IChatClient"/> (the caller keeps owning <paramref name="client"/>).</summary>
    public static IChatClient AsIChatClient(this CometApiChatClient client) => new CometApiIChatClient(client);

    /// <summary>The classified result behind a response of <see cref="CometApiIChatClient"/>; null for any other client's.</summary>
    public static ChatResult? AsChatResult(this ChatResponse response) => response?.RawRepresentation as ChatResult;
}
