using Microsoft.Extensions.Options;
using StuyfBot.Platform.Api.Clients;
using StuyfBot.Platform.Hosting;

namespace StuyfBot.Platform.Api.Auth;

/// <summary>
/// What an authenticated activity must also be before its turn runs or anything of it is
/// stored: from the bot's own tenant (a single-tenant bot serves no other), and addressed back to a
/// serviceUrl the bot trusts (<see cref="ServiceUrlPolicy"/>), so a reply never goes elsewhere.
/// </summary>
public sealed class ActivityGate
{
    private readonly string? _tenantId;
    private readonly ServiceUrlPolicy _serviceUrls;

    public ActivityGate(IOptions<BotOptions> bot, IOptions<ConnectorOptions> connector)
    {
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(connector);
        var authenticated = bot.Value.AuthenticationEnabled;
        _tenantId = authenticated && bot.Value.TenantId is { } tenant ? TokenValidator.NormalizeTenant(tenant) : null;
        _serviceUrls = ServiceUrlPolicy.For(connector.Value, authenticated);
    }

    /// <summary>Null when the activity may come in; otherwise the reason for the log.</summary>
    public string? Refusal(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (_tenantId is not null)
        {
            var fromChannelData = activity.ChannelData?.Tenant?.Id;
            var fromConversation = activity.Conversation?.TenantId;
            if (fromChannelData is null && fromConversation is null)
            {
                return "the activity names no tenant";
            }

            foreach (var tenant in (string?[])[fromChannelData, fromConversation])
            {
                if (tenant is not null && !string.Equals(TokenValidator.NormalizeTenant(tenant), _tenantId, StringComparison.Ordinal))
                {
                    return $"tenant '{LogText.Safe(tenant)}' is not this bot's tenant";
                }
            }
        }

        return _serviceUrls.IsTrusted(activity.ServiceUrl)
            ? null
            : $"serviceUrl '{LogText.Safe(activity.ServiceUrl)}' is not a trusted connector host";
    }
}
