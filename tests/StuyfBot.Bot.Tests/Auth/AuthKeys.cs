namespace StuyfBot.Bot.Tests.Auth;

/// <summary>The RSA keys of the auth tests, minted once per test class (key generation is slow).</summary>
public sealed class AuthKeys : IDisposable
{
    public TestSigningKey Service { get; } = new("svc-1");

    /// <summary>A Bot Framework key endorsed only for Web Chat, not for Teams.</summary>
    public TestSigningKey WebChatOnly { get; } = new("svc-webchat");

    public TestSigningKey Rotated { get; } = new("svc-2");

    public TestSigningKey Entra { get; } = new("entra-1");

    public TestSigningKey OtherTenant { get; } = new("entra-other");

    /// <summary>Published nowhere: what a forger has.</summary>
    public TestSigningKey Attacker { get; } = new("attacker");

    public void Dispose()
    {
        Service.Dispose();
        WebChatOnly.Dispose();
        Rotated.Dispose();
        Entra.Dispose();
        OtherTenant.Dispose();
        Attacker.Dispose();
    }
}
