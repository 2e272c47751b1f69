using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Identity;
using StuyfBot.Platform.Hosting;

namespace StuyfBot.Platform.Api.Clients;

/// <summary>
/// The credential for the bot's outgoing calls, from the "Bot" settings. Single tenant.
/// An app credential (Bot:ClientSecret or Bot:CertificatePath, with Bot:TenantId) wins over a
/// managed identity, so a managed identity configured for storage does not change the bot's
/// identity; setting both a secret and a certificate is refused as ambiguous.
/// </summary>
public static class BotCredentials
{
    /// <summary>The credential, or null in local mode (Bot:AppId empty).</summary>
    public static TokenCredential? Create(BotOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Problem(options) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        if (!options.AuthenticationEnabled)
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            return new ClientSecretCredential(options.TenantId, options.AppId, options.ClientSecret);
        }

        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            if (string.IsNullOrEmpty(options.CertificatePassword))
            {
                // Azure.Identity reads PFX and PEM files (and cert:/ store paths) itself.
                return new ClientCertificateCredential(options.TenantId, options.AppId, options.CertificatePath);
            }

            var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword);
            return new ClientCertificateCredential(options.TenantId, options.AppId, certificate);
        }

        return new ManagedIdentityCredential(options.UseSystemAssignedIdentity
            ? ManagedIdentityId.SystemAssigned
            : ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId!));
    }

    /// <summary>What is wrong with the credential settings, naming them; null when they are usable.</summary>
    public static string? Problem(BotOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.AuthenticationEnabled)
        {
            return null;
        }

        var secret = !string.IsNullOrWhiteSpace(options.ClientSecret);
        var certificate = !string.IsNullOrWhiteSpace(options.CertificatePath);
        var userAssigned = !string.IsNullOrWhiteSpace(options.ManagedIdentityClientId);
        if (secret && certificate)
        {
            return "Set either Bot:ClientSecret or Bot:CertificatePath, not both.";
        }

        if ((secret || certificate) && string.IsNullOrWhiteSpace(options.TenantId))
        {
            return "Bot:TenantId is required with Bot:ClientSecret or Bot:CertificatePath (the bot is single tenant).";
        }

        if (certificate && !options.CertificatePath!.StartsWith("cert:/", StringComparison.OrdinalIgnoreCase) && !File.Exists(options.CertificatePath))
        {
            return "Bot:CertificatePath names a file that does not exist.";
        }

        if (!secret && !certificate && userAssigned && options.UseSystemAssignedIdentity)
        {
            return "Set either Bot:ManagedIdentityClientId (user-assigned) or Bot:UseSystemAssignedIdentity, not both.";
        }

        if (!secret && !certificate && !userAssigned && !options.UseSystemAssignedIdentity)
        {
            return "Bot:AppId is set, so the bot needs a credential for its calls to the Bot Connector: set Bot:ClientSecret or "
                + "Bot:CertificatePath (optionally Bot:CertificatePassword) with Bot:TenantId, or Bot:ManagedIdentityClientId, "
                + "or Bot:UseSystemAssignedIdentity=true. Leave Bot:AppId empty for local mode.";
        }

        return null;
    }
}
