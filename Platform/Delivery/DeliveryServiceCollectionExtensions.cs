using Microsoft.Extensions.DependencyInjection.Extensions;

namespace StuyfBot.Platform.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Proactive messages: the people the bot can reach 1:1 (<see cref="PeopleDirectory"/>), the one
    /// path to a person's 1:1 chat (<see cref="PersonalChat"/>) and the exactly-once outbox
    /// (<see cref="DeliveryOutbox"/>). Needs storage and the connector.
    /// </summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services)
    {
        services.TryAddSingleton<PeopleDirectory>();
        services.TryAddSingleton<PersonalChat>();
        services.TryAddSingleton<DeliveryOutbox>();
        return services;
    }
}
