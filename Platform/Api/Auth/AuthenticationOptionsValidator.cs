using Microsoft.Extensions.Options;
using StuyfBot.Platform.Api.Clients;
using StuyfBot.Platform.Hosting;

namespace StuyfBot.Platform.Api.Auth;

/// <summary>Refuses to start with authentication settings that could not work or would be unsafe.</summary>
public sealed class AuthenticationOptionsValidator : IValidateOptions<BotOptions>
{
    public ValidateOptionsResult Validate(string? name, BotOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.AuthenticationEnabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.TenantId))
        {
            failures.Add("Bot:TenantId is required when Bot:AppId is set: StuyfBot is a single-tenant bot, set the tenant (directory) id of its app registration.");
        }

        if (!IsSafeMetadataUrl(options.OpenIdMetadataUrl))
        {
            failures.Add("Bot:OpenIdMetadataUrl must be an absolute https URL (plain http only on loopback).");
        }

        if (!IsSafeMetadataUrl(options.EntraAuthority))
        {
            failures.Add("Bot:EntraAuthority must be an absolute https URL (plain http only on loopback).");
        }

        // The library refuses shorter intervals; a longer one would hold back a key rotation.
        if (options.SigningKeyRefreshInterval < TimeSpan.FromSeconds(1) || options.SigningKeyRefreshInterval > TimeSpan.FromMinutes(5))
        {
            failures.Add("Bot:SigningKeyRefreshInterval must be between 00:00:01 and 00:05:00.");
        }

        if (options.SigningKeyMaxAge < TimeSpan.FromMinutes(5) || options.SigningKeyMaxAge > TimeSpan.FromDays(7))
        {
            failures.Add("Bot:SigningKeyMaxAge must be between 00:05:00 and 7.00:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Signing keys are trusted because of where they come from, so that must be authenticated (TLS).</summary>
    private static bool IsSafeMetadataUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && ServiceUrlPolicy.IsHttpsOrLoopback(uri);
}
