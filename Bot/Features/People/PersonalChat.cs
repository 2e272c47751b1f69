using System.Net;
using StuyfBot.Platform.Api;
using StuyfBot.Platform.Api.Clients;

namespace StuyfBot.Bot.Features.People;

/// <summary>
/// Sends something to a person in their 1:1 chat with the bot: the chat stored in the
/// <see cref="PeopleDirectory"/>, or, when there is none (or it is gone), a new one made with
/// POST v3/conversations from where the bot met them (a group) and remembered for next time.
/// </summary>
public sealed partial class PersonalChat
{
    private readonly PeopleDirectory _people;
    private readonly IConversationClient _conversations;
    private readonly ILogger<PersonalChat> _log;

    public PersonalChat(PeopleDirectory people, IConversationClient conversations, ILogger<PersonalChat> log)
    {
        _people = people;
        _conversations = conversations;
        _log = log;
    }

    /// <summary>
    /// Sends <paramref name="activity"/> to <paramref name="person"/>'s 1:1 chat. <paramref name="met"/>
    /// is a conversation the bot shares with them (its serviceUrl, tenant and bot account make a new
    /// chat). False when Teams would not let the bot reach them (no tenant, not allowed, blocked,
    /// unavailable after its retries).
    /// </summary>
    public async Task<bool> SendAsync(ConversationReference met, Account person, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(met);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentException.ThrowIfNullOrEmpty(person.Id);
        var stored = await _people.FindAsync(met.TenantId, person.Id, cancellationToken).ConfigureAwait(false);
        if (stored is not null)
        {
            try
            {
                await SendToAsync(stored.Reference, activity, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (ConnectorException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
            {
                // The chat is gone (the bot was removed and added again): a new one is made below.
                LogStoredChatGone(ex.StatusCode);
            }
            catch (ConnectorException ex)
            {
                // Teams is unavailable (its retries are spent): the caller tells the person how to get it later.
                LogCannotSend(ex.ErrorCode ?? ex.StatusCode?.ToString(), ex);
                return false;
            }
        }

        if (string.IsNullOrWhiteSpace(met.TenantId) || met.Bot is null)
        {
            LogCannotCreate("no tenant or bot account");
            return false;
        }

        try
        {
            var user = new Account { Id = person.Id, Name = person.Name, AadObjectId = person.AadObjectId };
            var created = await _conversations.CreateAsync(met.ServiceUrl, ConversationParameters.Personal(met.Bot, user, met.TenantId), cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(created.Id))
            {
                LogCannotCreate("no conversation id");
                return false;
            }

            var chat = new ConversationReference(
                created.ServiceUrl ?? met.ServiceUrl, met.ChannelId, created.Id, ConversationTypes.Personal, met.TenantId, met.Bot, user, activity.Locale ?? met.Locale);
            await SendToAsync(chat, activity, cancellationToken).ConfigureAwait(false);
            await _people.RememberAsync(chat, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConnectorException ex)
        {
            // Teams refuses when the app is not installed for the person or they blocked the bot, or it is unavailable.
            LogCannotSend(ex.ErrorCode ?? ex.StatusCode?.ToString(), ex);
            return false;
        }
    }

    private Task<ResourceResponse> SendToAsync(ConversationReference chat, Activity activity, CancellationToken cancellationToken)
    {
        var addressed = chat.CreateActivity();
        addressed.Text = activity.Text;
        addressed.TextFormat = activity.TextFormat;
        addressed.Attachments = activity.Attachments;
        addressed.Locale = activity.Locale ?? chat.Locale;
        return _conversations.SendAsync(chat.ServiceUrl, chat.ConversationId, addressed, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The stored 1:1 chat answered {Status}; making a new one")]
    private partial void LogStoredChatGone(HttpStatusCode? status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not make a 1:1 chat with a person: {Reason}")]
    private partial void LogCannotCreate(string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach a person in a 1:1 chat: {Reason}")]
    private partial void LogCannotSend(string? reason, Exception exception);
}
