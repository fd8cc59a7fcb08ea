using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("CometApi.ContractTests.Infrastructure.LongTestsFirst", "CometApi.ContractTests")]

namespace CometApi.ContractTests.Infrastructure;

/// <summary>Marks a test class whose tests take seconds (real timers, 10,000 cases): its collection starts first.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StartsFirstAttribute : Attribute;

/// <summary>
/// xunit runs as many collections at a time as it has threads, in this order: the long ones (<see cref="StartsFirstAttribute"/>)
/// start at once and overlap the many short ones, instead of starting late and running on alone at the end.
/// The rest keep xunit's default order.
/// </summary>
public sealed class LongTestsFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections)
    {
        ArgumentNullException.ThrowIfNull(testCollections);
        var all = new DefaultTestCollectionOrderer().OrderTestCollections(testCollections).ToList();
        return all.Where(StartsFirst).Concat(all.Where(c => !StartsFirst(c)));
    }

    private static bool StartsFirst(ITestCollection collection)
    {
        const string Prefix = "Test collection for ";
        var name = collection.DisplayName.StartsWith(Prefix, StringComparison.Ordinal) ? collection.DisplayName[Prefix.Length..] : null;
        return name is not null && typeof(LongTestsFirst).Assembly.GetType(name) is { } type
            && Attribute.IsDefined(type, typeof(StartsFirstAttribute), inherit: true);
    }
}
