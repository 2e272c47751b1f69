namespace StuyfBot.Platform.Apps;

/// <summary>A feature maps its handlers onto the app at startup (its dependencies come from DI).</summary>
public interface IBotFeature
{
    /// <summary>Lower runs first; pattern routes of earlier features win.</summary>
    int Order => 0;

    void Map(App app);
}
