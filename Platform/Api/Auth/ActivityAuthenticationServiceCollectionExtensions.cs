using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StuyfBot.Platform.Hosting;

namespace StuyfBot.Platform.Api.Auth;

public static class ActivityAuthenticationServiceCollectionExtensions
{
    /// <summary>
    /// Inbound authentication: <see cref="ActivityAuthenticator"/> when Bot:AppId is set,
    /// otherwise <see cref="NoAuthentication"/> (local mode). Decided when the service is first
    /// resolved, so configuration added after this call still counts.
    /// </summary>
    public static IServiceCollection AddActivityAuthentication(this IServiceCollection services)
    {
        services.AddOptions<BotOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotOptions>, AuthenticationOptionsValidator>());
        services.AddHttpClient(ActivityAuthenticator.HttpClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(10);
            client.MaxResponseContentBufferSize = 1024 * 1024;
        });
        services.AddSingleton<ActivityGate>();
        services.AddSingleton<IActivityAuthenticator>(sp =>
            sp.GetRequiredService<IOptions<BotOptions>>().Value.AuthenticationEnabled
                ? ActivatorUtilities.CreateInstance<ActivityAuthenticator>(sp)
                : new NoAuthentication());
        return services;
    }
}
