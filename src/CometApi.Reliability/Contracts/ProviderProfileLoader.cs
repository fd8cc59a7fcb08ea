using System.Globalization;
using System.Text.RegularExpressions;

namespace CometApi.Reliability.Contracts;

/// <summary>Loads a provider profile and checks that every fact carries its provenance.</summary>
public static class ProviderProfileLoader
{
    public static ProviderProfile Load(string path)
    {
        var profile = ContractFileReader.Read(path, ContractJsonContext.Default.ProviderProfile);
        var problems = new List<string>();
        foreach (var (name, fact) in Facts(profile))
        {
            if (!EvidenceLevels.All.Contains(fact.Evidence))
                problems.Add($"{name}: evidence '{fact.Evidence}' is not one of {string.Join(", ", EvidenceLevels.All)}");
            if (string.IsNullOrWhiteSpace(fact.Source))
                problems.Add($"{name}: no source");
            if (!DateOnly.TryParseExact(fact.Accessed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                problems.Add($"{name}: accessed '{fact.Accessed}' is not a yyyy-MM-dd date");
        }

        if (!Uri.TryCreate(profile.DefaultBaseUrl.Value, UriKind.Absolute, out _))
            problems.Add($"defaultBaseUrl '{profile.DefaultBaseUrl.Value}' is not an absolute URL");
        if (profile.RequestIdInErrorMessage is { } inMessage)
        {
            try
            {
                if (!new Regex(inMessage.Value).GetGroupNames().Contains("id"))
                    problems.Add("requestIdInErrorMessage has no (?<id>...) group");
            }
            catch (ArgumentException ex)
            {
                problems.Add($"requestIdInErrorMessage is not a regular expression: {ex.Message}");
            }
        }

        foreach (var run in profile.LiveEvidence)
        {
            if (!DateOnly.TryParseExact(run.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                problems.Add($"liveEvidence '{run.RunId}': date '{run.Date}' is not a yyyy-MM-dd date");
            if (string.IsNullOrWhiteSpace(run.Evidence) || string.IsNullOrWhiteSpace(run.ReviewedBy))
                problems.Add($"liveEvidence '{run.RunId}': names no evidence bundle or no reviewer");
            if (run.Target != "live")
                problems.Add($"liveEvidence '{run.RunId}': target '{run.Target}' is not 'live' (a simulated run is no evidence of the provider)");
        }

        if (problems.Count > 0)
            throw new ContractFileException(path, string.Join("; ", problems));
        return profile;
    }

    /// <summary>Every fact of the profile with its field name, for provenance checks and evidence records.</summary>
    public static IEnumerable<(string Name, Fact<object> Fact)> Facts(ProviderProfile p)
    {
        yield return ("defaultBaseUrl", Box(p.DefaultBaseUrl));
        yield return ("chatCompletionsPath", Box(p.ChatCompletionsPath));
        yield return ("modelsPath", Box(p.ModelsPath));
        yield return ("authHeader", Box(p.AuthHeader));
        yield return ("authScheme", Box(p.AuthScheme));
        yield return ("contentType", Box(p.ContentType));
        yield return ("streamContentType", Box(p.StreamContentType));
        yield return ("apiKeyVariables", Box(p.ApiKeyVariables));
        yield return ("requestIdHeaders", Box(p.RequestIdHeaders));
        if (p.RequestIdInErrorMessage is { } inMessage) yield return ("requestIdInErrorMessage", Box(inMessage));
        yield return ("errorBody", Box(p.ErrorBody));
        yield return ("documentedStatuses", Box(p.DocumentedStatuses));
        foreach (var (name, fact) in p.ErrorSemantics.Rows())
            yield return ($"errorSemantics.{name}", Box(fact));
        yield return ("rateLimits", Box(p.RateLimits));
        yield return ("billing", Box(p.Billing));
        for (var i = 0; i < p.Observations.Count; i++)
            yield return ($"observations[{i}]", Box(p.Observations[i]));
    }

    private static Fact<object> Box<T>(Fact<T> f) => new(f.Value!, f.Evidence, f.Source, f.Accessed);
}
