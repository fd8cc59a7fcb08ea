using Xunit.Sdk;

// Every result of this assembly passes through the evidence extension (tests/CometApi.Evidence.Xunit).
[assembly: TestFramework("CometApi.Evidence.Xunit.EvidenceTestFramework", "CometApi.Evidence.Xunit")]
