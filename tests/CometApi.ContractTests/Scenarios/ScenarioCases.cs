
namespace CometApi.ContractTests.Infrastructure;

/// <summary>Theory data from fixtures/scenarios.json: every (scenario, mode) tagged with a checklist id.</summary>
public static class ScenarioCases
{
    public static TheoryData<string, bool> Tagged(string checklistId)
    {
        var data = new TheoryData<string, bool>();
        foreach (var (scenario, streaming) in FixtureCatalog.Default.Cases())
        {
            if (scenario.Checklist.Contains(checklistId)) data.Add(scenario.Name, streaming);
        }

        return data;
    }
}
