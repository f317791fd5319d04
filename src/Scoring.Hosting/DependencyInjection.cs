using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Scoring.Hosting;

/// <summary>Registers Scoring with Microsoft.Extensions.DependencyInjection.</summary>
public static class ScoringServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="IScoringCatalog"/> (also as <see cref="ScoringCatalog"/>) loading the rule files configured by
    /// <paramref name="configure"/>, and a singleton <see cref="IScoringEngine"/> evaluating records against it.
    /// The options are validated when the host starts (every problem at once, as an <see cref="OptionsValidationException"/>),
    /// then the rule files are loaded: an invalid file stops the host with a <see cref="ScoringConfigurationException"/>
    /// listing its diagnostics unless <see cref="ScoringOptions.SkipInvalidFiles"/> is set. Without a host, both happen
    /// when the catalog is first resolved. Logs through <see cref="ILogger{TCategoryName}"/> and measures through
    /// <see cref="IMeterFactory"/> when they are registered.
    /// </summary>
    public static IServiceCollection AddScoring(this IServiceCollection services, Action<ScoringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ScoringOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScoringOptions>, ScoringOptionsValidator>());
        services.TryAddSingleton(sp => new ScoringMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp => new ScoringCatalog(
            sp.GetRequiredService<IOptions<ScoringOptions>>().Value,
            sp.GetService<ILoggerFactory>()?.CreateLogger<ScoringCatalog>(),
            sp.GetRequiredService<ScoringMetrics>(),
            ownsMetrics: false));
        services.TryAddSingleton<IScoringCatalog>(sp => sp.GetRequiredService<ScoringCatalog>());
        services.TryAddSingleton<IScoringEngine>(sp => new ScoringEngine(sp.GetRequiredService<IScoringCatalog>(), sp.GetRequiredService<ScoringMetrics>(), ownsMetrics: false));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ScoringStartup>());
        return services;
    }
}

/// <summary>Loads the catalog when the host starts, so that invalid rule files stop the host instead of the first request, and its file watcher runs from the start.</summary>
internal sealed class ScoringStartup : IHostedService
{
    private readonly IServiceProvider _services;

    public ScoringStartup(IServiceProvider services) => _services = services;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _services.GetRequiredService<IScoringCatalog>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
