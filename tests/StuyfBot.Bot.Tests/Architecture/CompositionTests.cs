using Microsoft.Extensions.DependencyInjection;
using StuyfBot.Bot.Kernel;
using StuyfBot.Bot.Tests.Infrastructure;
using StuyfBot.Cards.Localization;
using StuyfBot.Cards.Pitches;
using StuyfBot.Cards.Sessions;
using StuyfBot.Cards.Welcome;
using StuyfBot.Platform.Apps;

namespace StuyfBot.Bot.Tests.Architecture;

/// <summary>What <c>AddStuyfBot</c> composes from the feature modules, as the running bot has it.</summary>
public sealed class CompositionTests
{
    /// <summary>Every button of every feature's route table has a handler, and no handler waits for a button no card has.</summary>
    [Fact]
    public async Task Every_route_table_is_mapped_once()
    {
        await using var bot = await BotServer.StartAsync();

        var mapped = bot.Services.GetRequiredService<App>().CardActionVerbs.Order(StringComparer.Ordinal);

        Assert.Equal(SessionVerbs.AllRoutes.Select(r => r.Verb).Append(HelpCard.HelpVerb).Order(StringComparer.Ordinal), mapped);
    }

    /// <summary>The help card keeps the order people know: sessions, notes, planning, the pitch form, summaries.</summary>
    [Fact]
    public async Task The_help_card_lists_the_features_in_their_order()
    {
        await using var bot = await BotServer.StartAsync();
        var contributors = bot.Services.GetServices<IHelpContributor>().ToList();
        var text = new Text(BotCulture.Flemish);

        Assert.Equal(
            [.. SessionOfferCard.HelpCommands, .. RoundHelp.SessionCommands, RoundHelp.PlanCommand, RoundHelp.PitchCommand, RoundHelp.SummariesCommand],
            contributors.SelectMany(c => c.Commands));
        Assert.Equal(
            [.. SessionOfferCard.HelpActions(text, personal: false).Select(a => a.Title), .. RoundHelp.HelpActions(text, personal: false).Select(a => a.Title)],
            contributors.SelectMany(c => c.Actions(text, personal: false)).Select(a => a.Title));
    }
}
