using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using StuyfBot.Platform.Api.Clients;

namespace StuyfBot.Bot.Tests.Infrastructure;

/// <summary>
/// The bot's outgoing identity for tests of a bot with an app id: Entra cannot run here, so the
/// TokenCredential is a mock. <see cref="Settings"/> satisfy the startup check (an app id needs
/// a credential); <see cref="Use"/> replaces the credential those settings would build.
/// </summary>
public static class OutboundCredential
{
    /// <summary>The bearer token the bot sends to the connector.</summary>
    public const string Token = "outbound-test-token";

    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Bot:ClientSecret"] = "replaced-by-a-mock-credential",
    };

    public static IServiceCollection Use(IServiceCollection services, string tenantId)
    {
        var credential = new Mock<TokenCredential>(MockBehavior.Strict);
        credential.Setup(c => c.GetTokenAsync(It.IsAny<TokenRequestContext>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new AccessToken(Token, DateTimeOffset.UtcNow.AddHours(1)));
        return services.AddSingleton(sp => new BotTokenProvider(credential.Object, tenantId, TimeProvider.System));
    }
}
