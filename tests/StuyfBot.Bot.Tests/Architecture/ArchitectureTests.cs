using System.Reflection;
using NetArchTest.Rules;
using StuyfBot.Bot.Features.Sessions;
using StuyfBot.Cards.Sessions;
using StuyfBot.Dialogs.Sessions;
using StuyfBot.Platform.Apps;

namespace StuyfBot.Bot.Tests.Architecture;

/// <summary>
/// The arrows of docs/architecture.md, checked on the compiled code (NetArchTest reads every
/// type's signatures and method bodies): features use the kernel and the platform, never each
/// other; the kernel knows no feature; the platform knows no feature, no Dialogs and no Cards.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Bot = typeof(SessionsFeature).Assembly;
    private static readonly Assembly Platform = typeof(App).Assembly;

    [Fact]
    public void Feature_modules_do_not_use_each_other()
    {
        var result = Types.InAssembly(Bot).Slice().ByNamespacePrefix("StuyfBot.Bot.Features").Should().NotHaveDependenciesBetweenSlices().GetResult();

        AssertSuccessful(result);

        // The same, module by module, so it is plain which modules were looked at.
        var modules = Bot.GetTypes().Select(t => t.Namespace!).Where(n => n?.StartsWith("StuyfBot.Bot.Features.", StringComparison.Ordinal) == true).Distinct().ToList();
        Assert.True(modules.Count >= 7, $"Every feature module is looked at: {string.Join(", ", modules)}");
        foreach (var module in modules)
        {
            var own = Types.InAssembly(Bot).That().ResideInNamespace(module).ShouldNot().HaveDependencyOnAny([.. modules.Where(m => m != module)]).GetResult();
            AssertSuccessful(own);
            Assert.NotEmpty(own.SelectedTypesForTesting);
        }
    }

    [Fact]
    public void The_kernel_knows_no_feature_and_no_host()
    {
        var result = Types.InAssembly(Bot).That().ResideInNamespace("StuyfBot.Bot.Kernel")
            .ShouldNot().HaveDependencyOnAny("StuyfBot.Bot.Features", "StuyfBot.Bot.Hosting").GetResult();

        AssertSuccessful(result);
        Assert.NotEmpty(result.SelectedTypesForTesting);
    }

    [Fact]
    public void The_platform_knows_no_feature_no_decision_and_no_card()
    {
        var result = Types.InAssembly(Platform).ShouldNot().HaveDependencyOnAny("StuyfBot.Bot", "StuyfBot.Dialogs", "StuyfBot.Cards").GetResult();

        AssertSuccessful(result);
        Assert.NotEmpty(result.SelectedTypesForTesting);
    }

    [Fact]
    public void Decisions_know_no_cards_and_no_io_and_cards_know_no_io()
    {
        AssertSuccessful(Types.InAssembly(typeof(SessionDecider).Assembly)
            .ShouldNot().HaveDependencyOnAny("StuyfBot.Cards", "StuyfBot.Platform", "StuyfBot.Bot", "System.Net.Http", "System.IO.File").GetResult());
        AssertSuccessful(Types.InAssembly(typeof(SessionCard).Assembly)
            .ShouldNot().HaveDependencyOnAny("StuyfBot.Platform", "StuyfBot.Bot", "System.Net.Http").GetResult());
    }

    /// <summary>The rule sees real dependencies: the host composes every feature, so its slices do depend on each other.</summary>
    [Fact]
    public void The_slice_rule_finds_dependencies_where_there_are_some()
    {
        var result = Types.InAssembly(Bot).Slice().ByNamespacePrefix("StuyfBot.Bot").Should().NotHaveDependenciesBetweenSlices().GetResult();

        Assert.False(result.IsSuccessful);
        Assert.Contains(result.FailingTypes, t => t.ReflectionType.Namespace == "StuyfBot.Bot.Hosting");
    }

    private static void AssertSuccessful(TestResult result) =>
        Assert.True(result.IsSuccessful, string.Join("\n", (result.FailingTypes ?? []).Select(t => $"{t.FullName}: {t.Explanation}")));
}
