using System.Diagnostics.Metrics;
using CometApi.Reliability.Client;
using CometApi.Reliability.Configuration;
using CometApi.Reliability.Contracts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CometApi.Reliability.Adoption;

public static class CometApiServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CometApiChatClient"/> and, through it, the service's <see cref="IChatClient"/>.
    /// <see cref="CometApiOptions"/> come from the COMETAPI_* keys of <paramref name="configuration"/> and are
    /// validated when the host starts (ValidateOnStart): a missing key, model or contracts folder stops the start,
    /// naming the setting and never its value. Logging, metrics and time come from the container when registered.
    /// </summary>
    /// <returns>The builder of the <see cref="IChatClient"/> pipeline, for Microsoft.Extensions.AI middleware (UseLogging, ...).</returns>
    public static ChatClientBuilder AddCometApiChatClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddSingleton<IOptionsFactory<CometApiOptions>>(sp => new CometApiOptionsFactory(configuration,
            sp.GetServices<IConfigureOptions<CometApiOptions>>(), sp.GetServices<IPostConfigureOptions<CometApiOptions>>(),
            sp.GetServices<IValidateOptions<CometApiOptions>>()));
        services.AddSingleton<IValidateOptions<CometApiOptions>, CometApiOptionsValidator>();
        services.AddOptions<CometApiOptions>().ValidateOnStart();

        services.AddOptions<CometApiContractsOptions>()
            .Configure(o =>
            {
                o.Folder = configuration[CometApiContractsOptions.FolderKey] is { Length: > 0 } folder ? folder : o.Folder;
                o.Provider = configuration[CometApiContractsOptions.ProviderKey] is { Length: > 0 } provider ? provider : o.Provider;
            })
            .Validate(o => File.Exists(Path.Combine(o.Folder, ContractSet.PolicyFileName)) && ProviderCatalog.Known(o.Folder).Contains(o.Provider, StringComparer.Ordinal),
                $"The contracts folder has no {ContractSet.PolicyFileName} or no {ProviderCatalog.FolderName}/<{CometApiContractsOptions.ProviderKey}>/{ProviderCatalog.ProfileFileName}: set {CometApiContractsOptions.FolderKey} and {CometApiContractsOptions.ProviderKey}, or publish contracts/ with the service.")
            .ValidateOnStart();

        services.AddSingleton(sp => new CometApiChatClient(
            sp.GetRequiredService<IOptions<CometApiOptions>>().Value,
            LoadContracts(sp.GetRequiredService<IOptions<CometApiContractsOptions>>().Value),
            handler: null,
            sp.GetService<ILoggerFactory>(),
            sp.GetService<IMeterFactory>(),
            sp.GetService<TimeProvider>()));
        return services.AddChatClient(sp => sp.GetRequiredService<CometApiChatClient>().AsIChatClient());
    }

    private static ContractSet LoadContracts(CometApiContractsOptions contracts) => ContractSet.Load(contracts.Folder, contracts.Provider);
}
