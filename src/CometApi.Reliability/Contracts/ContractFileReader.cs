using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CometApi.Reliability.Contracts;

/// <summary>Reads a contract file, turning every I/O or JSON problem into a <see cref="ContractFileException"/>.</summary>
internal static class ContractFileReader
{
    public static T Read<T>(string path, JsonTypeInfo<T> typeInfo)
    {
        if (!File.Exists(path))
            throw new ContractFileException(path, "the file does not exist");
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, typeInfo)
                ?? throw new ContractFileException(path, "the file holds null");
        }
        catch (JsonException ex)
        {
            var at = ex.LineNumber is long line ? $" (line {line + 1}, {ex.Path})" : "";
            throw new ContractFileException(path, $"{ex.Message}{at}", ex);
        }
    }
}
