namespace StuyfBot.Dialogs.Sessions;

/// <summary>
/// What the live session card shows: a projection of the session head (and, with the pitch
/// round, of the pitch queue). The Bot builds it from what it loaded; Cards renders it.
/// </summary>
public sealed record SessionView(Session Session);

/// <summary>Who a card is rendered for: everyone (the posted card) or one person (a refresh).</summary>
public sealed record SessionViewer(string? PersonKey)
{
    /// <summary>The shared card: only the buttons anyone may use.</summary>
    public static SessionViewer Everyone { get; } = new((string?)null);

    public static SessionViewer For(string personKey) => new(personKey);
}
