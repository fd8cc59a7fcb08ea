using CsCheck;

namespace CometApi.ContractTests.Fuzzing;

/// <summary>
/// CsCheck generators of <see cref="FuzzCase"/>s. Every choice is made so that "smaller" is "simpler" (earlier seed,
/// fewer edits, lower positions, earlier vocabulary entries), which is the direction CsCheck shrinks a failure in.
/// </summary>
public static class FuzzGenerators
{
    private const int MaxPosition = 60;

    public static Gen<FuzzCase> Cases(FuzzVocabulary vocabulary)
    {
        var seeds = Gen.Int[0, vocabulary.Seeds.Count - 1].Select(i => vocabulary.Seeds[i]);
        return seeds.SelectMany(seed => Gen.Select(
            seed.Sse ? Gen.Const(true) : Gen.Bool,
            seed.Sse ? EventEdits(vocabulary).Array[0, 2] : Gen.Const(Array.Empty<EventEdit>()),
            JsonEdits(vocabulary).Array[0, 3],
            ByteEdits(vocabulary).Array[0, 2],
            (stream, events, json, bytes) => new FuzzCase(seed, stream, events, json, bytes)));
    }

    private static Gen<JsonEdit> JsonEdits(FuzzVocabulary v)
    {
        var position = Gen.Int[0, MaxPosition];
        var @event = Gen.Int[0, 8];
        var replacement = Gen.Frequency(
            (4, Gen.Int[0, v.ReplacementValues.Count - 1].Select(i => v.ReplacementValues[i])),
            (1, Gen.Int[0, v.NestingDepths.Count - 1].Select(i => Nested(v.NestingDepths[i]))));
        return Gen.Frequency(
            (3, Gen.Select(@event, position, replacement, (e, p, r) => (JsonEdit)new ReplaceValue(e, p, r))),
            (2, Gen.Select(@event, position, (e, p) => (JsonEdit)new DropProperty(e, p))),
            (1, Gen.Select(@event, position, Gen.Int[0, v.RenamedNames.Count - 1], (e, p, n) => (JsonEdit)new RenameProperty(e, p, v.RenamedNames[n]))));
    }

    private static Gen<EventEdit> EventEdits(FuzzVocabulary v)
    {
        var position = Gen.Int[0, 8];
        return Gen.Frequency(
            (2, position.Select(p => (EventEdit)new DropEvent(p))),
            (1, position.Select(p => (EventEdit)new DuplicateEvent(p))),
            (2, Gen.Select(position, Gen.Int[0, v.InsertedEvents.Count - 1], (p, i) => (EventEdit)new InsertEvent(p, v.InsertedEvents[i]))));
    }

    private static Gen<ByteEdit> ByteEdits(FuzzVocabulary v)
    {
        var position = Gen.Int[0, 4096];
        return Gen.Frequency(
            (2, position.Select(p => (ByteEdit)new Truncate(p))),
            (2, Gen.Select(position, Gen.Int[0, v.InjectedBytes.Count - 1], (p, i) => (ByteEdit)new InsertBytes(p, v.InjectedBytes[i]))),
            (1, Gen.Select(position, Gen.Byte.Array[1, 16], (p, bytes) => (ByteEdit)new InsertBytes(p, bytes))));
    }

    /// <summary><paramref name="depth"/> arrays, one inside the other, around a number.</summary>
    private static string Nested(int depth) => new string('[', depth) + "1" + new string(']', depth);
}
