using Xunit.Sdk;

namespace CometApi.ContractTests.Shapes;

/// <summary>A shape that differs from (or has no) reviewed snapshot; the message says what changed and how to accept it.</summary>
public sealed class ShapeMismatchException(string message) : XunitException(message);
