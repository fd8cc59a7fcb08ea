using Xunit.Abstractions;
using Xunit.Sdk;

namespace CometApi.Evidence.Xunit;

/// <summary>
/// The assembly's message bus, with one addition: xunit's test runner queues ITestStarting synchronously on the
/// flow that then creates the test class and invokes the method, so opening the test's evidence scope here makes
/// it the ambient scope of that test and nothing else (every test case type, theory rows included, goes through
/// xunit's TestRunner, and parallel tests run on flows of their own).
/// </summary>
internal sealed class EvidenceScopingBus(IMessageBus inner, EvidenceScopes scopes) : IMessageBus
{
    public bool QueueMessage(IMessageSinkMessage message)
    {
        if (message is ITestStarting starting) scopes.Open(EvidenceKey.Of(starting.Test));
        return inner.QueueMessage(message);
    }

    public void Dispose() => inner.Dispose();
}
