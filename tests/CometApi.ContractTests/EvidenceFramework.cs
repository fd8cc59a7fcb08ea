using Xunit.Sdk;

// Every result of this assembly passes through the evidence extension (tests/CometApi.Evidence.Xunit).
[assembly: TestFramework("CometApi.ContractTests.Evidence.EvidenceTestFramework", "CometApi.Evidence.Xunit")]
