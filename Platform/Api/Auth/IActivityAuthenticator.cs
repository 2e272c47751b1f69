namespace StuyfBot.Platform.Api.Auth;

/// <summary>Checks the Authorization header of an inbound activity.</summary>
public interface IActivityAuthenticator
{
    /// <summary>False in the local, unauthenticated mode (no Bot:AppId).</summary>
    bool IsEnabled { get; }

    ValueTask<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken);
}

public sealed record AuthenticationResult(bool Succeeded, string? Failure)
{
    public static AuthenticationResult Success { get; } = new(true, null);

    public static AuthenticationResult Fail(string reason) => new(false, reason);
}

/// <summary>The local mode: no app id, every request is accepted (the host binds to loopback only).</summary>
public sealed class NoAuthentication : IActivityAuthenticator
{
    public bool IsEnabled => false;

    public ValueTask<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AuthenticationResult.Success);
}
