using System.Net;
using StuyfBot.Platform.Api;
using StuyfBot.Platform.Api.Clients;
using StuyfBot.Platform.Storage;

namespace StuyfBot.Platform.Delivery;

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
        ArgumentNullException.ThrowIfNull(activity);
        try
        {
            return (await DeliverAsync(met, person, _ => activity, cancellationToken).ConfigureAwait(false)).Reached;
        }
        catch (ConnectorException ex)
        {
            // Teams refuses when the app is not installed for the person or they blocked the bot, or it is unavailable.
            LogCannotSend(ex.ErrorCode ?? ex.StatusCode?.ToString(), ex);
            return false;
        }
    }

    /// <summary>
    /// Sends what <paramref name="build"/> makes for the chat's locale (null: unknown, e.g. a new
    /// chat) to <paramref name="person"/>'s 1:1 chat, for a caller that decides itself what a
    /// failure means (<see cref="DeliveryOutbox"/>): Teams' refusals and unavailability are thrown
    /// as <see cref="ConnectorException"/>; not <see cref="Sent.Reached"/> when there is no tenant
    /// or bot account to open a chat with.
    /// </summary>
    public async Task<Sent> DeliverAsync(ConversationReference met, Account person, Func<string?, Activity> build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(met);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(build);
        ArgumentException.ThrowIfNullOrEmpty(person.Id);
        var stored = await _people.FindAsync(met.TenantId, person.Id, cancellationToken).ConfigureAwait(false);
        if (stored is not null)
        {
            try
            {
                var posted = await SendToAsync(stored.Reference, build(stored.Reference.Locale), cancellationToken).ConfigureAwait(false);
                return new Sent(posted.Id);
            }
            catch (ConnectorException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
            {
                // The chat is gone (the bot was removed and added again): a new one is made below.
                LogStoredChatGone(ex.StatusCode);
            }
        }

        if (string.IsNullOrWhiteSpace(met.TenantId) || met.Bot is null)
        {
            LogCannotCreate("no tenant or bot account");
            return new Sent(null, Reached: false);
        }

        var user = new Account { Id = person.Id, Name = person.Name, AadObjectId = person.AadObjectId };
        var created = await _conversations.CreateAsync(met.ServiceUrl, ConversationParameters.Personal(met.Bot, user, met.TenantId), cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(created.Id))
        {
            throw new ConnectorException(ConnectorOperations.CreateConversation, null, "The connector created a conversation without an id.");
        }

        var activity = build(null);
        var chat = new ConversationReference(
            created.ServiceUrl ?? met.ServiceUrl, met.ChannelId, created.Id, ConversationTypes.Personal, met.TenantId, met.Bot, user, activity.Locale ?? met.Locale);
        var sent = await SendToAsync(chat, activity, cancellationToken).ConfigureAwait(false);
        try
        {
            await _people.RememberAsync(chat, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageUnavailableException ex)
        {
            // It went out: failing now would make the caller send it again. The next contact stores the chat.
            LogNotRemembered(ex);
        }

        return new Sent(sent.Id);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "A new 1:1 chat could not be remembered; it is made again next time")]
    private partial void LogNotRemembered(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not make a 1:1 chat with a person: {Reason}")]
    private partial void LogCannotCreate(string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach a person in a 1:1 chat: {Reason}")]
    private partial void LogCannotSend(string? reason, Exception exception);
}
