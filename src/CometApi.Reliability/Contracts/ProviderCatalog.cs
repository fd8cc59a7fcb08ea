namespace CometApi.Reliability.Contracts;

/// <summary>The provider profiles on disk: one folder per provider under <c>contracts/providers/</c>.</summary>
public static class ProviderCatalog
{
    public const string DefaultProvider = "cometapi";
    public const string FolderName = "providers";
    public const string ProfileFileName = "profile.json";
    public const string OverridesFileName = "failure-policy.overrides.json";

    /// <summary>The names of every provider folder that holds a profile, in ordinal order.</summary>
    public static IReadOnlyList<string> Known(string contractsFolder)
    {
        var root = Path.Combine(contractsFolder, FolderName);
        return Directory.Exists(root)
            ? Directory.GetDirectories(root).Where(d => File.Exists(Path.Combine(d, ProfileFileName)))
                .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];
    }

    /// <summary>The folder of <paramref name="provider"/>; an unknown name is an error that lists the known ones.</summary>
    public static string FolderOf(string contractsFolder, string provider)
    {
        var known = Known(contractsFolder);
        if (!known.Contains(provider, StringComparer.Ordinal))
            throw new ContractFileException(Path.Combine(contractsFolder, FolderName, provider),
                $"no provider profile named '{provider}'; known providers: {(known.Count == 0 ? "(none)" : string.Join(", ", known))}");
        return Path.Combine(contractsFolder, FolderName, provider);
    }
}
