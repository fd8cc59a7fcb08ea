using System.Buffers;
using System.Globalization;
using System.Text;

namespace CometApi.ContractTests.Fuzzing;

/// <summary>
/// Bytes as readable text and back: UTF-8 as it is, every other byte (and control characters but \n and \t) as
/// \xNN. The fuzzer prints failures this way, and fixtures/fuzz/findings.json stores them this way.
/// </summary>
public static class EscapedBytes
{
    public static string Print(byte[] bytes, int maxChars = 1500)
    {
        var text = new StringBuilder();
        var rest = bytes.AsSpan();
        while (!rest.IsEmpty && text.Length < maxChars)
        {
            var status = Rune.DecodeFromUtf8(rest, out var rune, out var used);
            if (status == OperationStatus.Done && (rune.Value >= 0x20 || rune.Value is '\n' or '\t') && rune.Value != '\\')
            {
                text.Append(rune.ToString());
                rest = rest[used..];
            }
            else
            {
                text.Append(rest[0] == '\\' ? "\\\\" : "\\x" + rest[0].ToString("X2", CultureInfo.InvariantCulture));
                rest = rest[1..];
            }
        }

        return rest.IsEmpty ? text.ToString() : text.Append(CultureInfo.InvariantCulture, $"... ({rest.Length} more bytes)").ToString();
    }

    public static byte[] Parse(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] == '\\')
            {
                bytes.Add((byte)'\\');
                i++;
            }
            else if (text[i] == '\\' && i + 3 < text.Length && text[i + 1] == 'x')
            {
                bytes.Add(byte.Parse(text.AsSpan(i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 3;
            }
            else
            {
                var end = char.IsHighSurrogate(text[i]) ? i + 2 : i + 1;
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i..end]));
                i = end - 1;
            }
        }

        return [.. bytes];
    }
}
