using System.Collections;
using System.Reflection;
using System.Text.Json;
using CometApi.Reliability.Billing;

namespace CometApi.ContractTests.Infrastructure;

/// <summary>
/// Builds an instance of a public type by reflection: the constructor with the most parameters, then every public
/// settable property the constructor did not take. Members whose name says they hold a secret (an API key, a token, a
/// password, secrets) get <c>secret</c>; every other text member gets a harmless value naming itself. Interfaces
/// and abstract types are left null, except <see cref="IUsageLedger"/>.
/// </summary>
public sealed class PublicTypeSamples(string secret)
{
    private const int MaxDepth = 5;
    private static readonly string[] SecretNames = ["apikey", "key", "secret", "secrets", "token", "password", "authorization"];

    public static bool NamesASecret(string name) =>
        SecretNames.Any(s => name.Equals(s, StringComparison.OrdinalIgnoreCase)) || name.EndsWith("ApiKey", StringComparison.OrdinalIgnoreCase);

    /// <summary>An instance of <paramref name="type"/>, or null when it cannot be made from parts (it needs a special recipe).</summary>
    public object? Build(Type type) => Construct(type, 0);

    private object? Value(Type type, string name, int depth)
    {
        if (type == typeof(string)) return NamesASecret(name) ? secret : $"{name}-value";
        if (Nullable.GetUnderlyingType(type) is { } inner) return Value(inner, name, depth);
        if (type == typeof(bool)) return true;
        if (type.IsEnum) return Enum.GetValues(type).GetValue(0);
        if (type.IsPrimitive) return Convert.ChangeType(1, type, System.Globalization.CultureInfo.InvariantCulture);
        if (type == typeof(TimeSpan)) return TimeSpan.FromSeconds(1);
        if (type == typeof(DateTimeOffset)) return DateTimeOffset.UnixEpoch;
        if (type == typeof(Uri)) return new Uri("https://provider.example.test/v1/");
        if (type == typeof(JsonElement)) return JsonDocument.Parse("{\"name\":\"value\"}").RootElement.Clone();
        if (type == typeof(IUsageLedger)) return new InMemoryUsageLedger();
        if (type.IsArray) return Fill(Array.CreateInstance(type.GetElementType()!, 1), type.GetElementType()!, name, depth);
        if (SequenceElement(type) is { } element)
        {
            if (type.IsGenericType && type.GetGenericArguments() is [var keyType, var valueType])
            {
                var map = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(keyType, valueType))!;
                map[Value(keyType, name, depth + 1)!] = Value(valueType, name, depth + 1);
                return map;
            }
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            list.Add(Value(element, name, depth + 1));
            return list;
        }

        return type.IsInterface || type.IsAbstract || depth > MaxDepth ? null : Construct(type, depth + 1);
    }

    private object? Construct(Type type, int depth)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        if (constructor is null) return null;
        var parameters = constructor.GetParameters();
        object instance;
        try
        {
            instance = constructor.Invoke(parameters.Select(p => Value(p.ParameterType, p.Name!, depth)).ToArray());
        }
        catch (TargetInvocationException)
        {
            return null; // the type validates its arguments: it needs a recipe
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is { IsPublic: true } && property.GetIndexParameters().Length == 0
                && !parameters.Any(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase)))
                property.SetValue(instance, Value(property.PropertyType, property.Name, depth));
        }

        return instance;
    }

    private Array Fill(Array array, Type element, string name, int depth)
    {
        array.SetValue(Value(element, name, depth + 1), 0);
        return array;
    }

    private static Type? SequenceElement(Type type) =>
        type == typeof(string) ? null
        : type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>))
            ? type.GetGenericArguments()[1]
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
}
