using CometApi.Reliability.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CometApi.Reliability.Adoption;

/// <summary>
/// Options made the way the rest of the suite makes them (<see cref="CometApiConfiguration.Bind"/>: the COMETAPI_*
/// keys, from environment or user-secrets), then configured and validated by the usual options machinery.
/// </summary>
internal sealed class CometApiOptionsFactory(
    IConfiguration configuration,
    IEnumerable<IConfigureOptions<CometApiOptions>> setups,
    IEnumerable<IPostConfigureOptions<CometApiOptions>> postConfigures,
    IEnumerable<IValidateOptions<CometApiOptions>> validations)
    : OptionsFactory<CometApiOptions>(setups, postConfigures, validations)
{
    protected override CometApiOptions CreateInstance(string name) => CometApiConfiguration.Bind(configuration);
}
