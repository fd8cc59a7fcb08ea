using Xunit.Abstractions;
using Xunit.Sdk;

namespace CometApi.ContractTests.Infrastructure;

/// <summary>
/// Tags a test with the checklist rows it proves (CL2, CL3, ...): the sections of the article "CometAPI reliability
/// validation before production" (last reviewed 2026-05-11), listed in contracts/checklist.json. Shows up as the
/// xunit trait "Checklist", so `dotnet test --filter Checklist=CL5` runs one section.
/// </summary>
[TraitDiscoverer("CometApi.ContractTests.Infrastructure.ChecklistDiscoverer", "CometApi.ContractTests")]
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true)]
public sealed class ChecklistAttribute(params string[] ids) : Attribute, ITraitAttribute
{
    public IReadOnlyList<string> Ids { get; } = ids;
}

public sealed class ChecklistDiscoverer : ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute) =>
        traitAttribute.GetConstructorArguments().OfType<string[]>().SelectMany(ids => ids)
            .Select(id => new KeyValuePair<string, string>("Checklist", id));
}
