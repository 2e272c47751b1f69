using FsCheck;

namespace StuyfBot.Dialogs.Tests;

/// <summary>
/// Runs a property with FsCheck's default 100 cases, or with STUYFBOT_PROPERTY_RUNS cases: a
/// rare counterexample is found by a long local run (say 20000), not by a red CI build.
/// </summary>
public static class PropertyRuns
{
    public static void VerifyProperty(this Property property)
    {
        var config = Config.QuickThrowOnFailure;
        if (int.TryParse(Environment.GetEnvironmentVariable("STUYFBOT_PROPERTY_RUNS"), out var runs) && runs > 0)
        {
            config = config.WithMaxTest(runs);
        }

        Check.One(config, property);
    }
}
