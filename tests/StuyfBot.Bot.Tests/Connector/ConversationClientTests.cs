using System.Net;
using System.Text.Json.Nodes;
using StuyfBot.Platform.Api;
using StuyfBot.Platform.Api.Clients;
using StuyfBot.Testing;

namespace StuyfBot.Bot.Tests.Connector;

/// <summary>Each connector call over real HTTP: method, path, id encoding, body and answer.</summary>
public sealed class ConversationClientTests : IAsyncLifetime
{
    // Teams ids as they come: a channel thread with ';messageid=', a 1:1 with ':', odd characters.
    private const string ChannelThread = "19:abc;messageid=1700000000000@thread.tacv2";
    private const string ChannelThreadEncoded = "19%3Aabc%3Bmessageid%3D1700000000000%40thread.tacv2";
    private const string OddActivityId = "1:x#y/z?w";
    private const string OddActivityIdEncoded = "1%3Ax%23y%2Fz%3Fw";

    private LoopbackConnector _connector = null!;
    private ConnectorHost _host = null!;

    private string ServiceUrl => _connector.ServiceUrl.ToString();

    public async Task InitializeAsync()
    {
        _connector = await LoopbackConnector.StartAsync();
        _host = ConnectorHost.Start();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Send_posts_the_activity_as_json_with_a_content_length_to_the_encoded_conversation()
    {
        var sent = await _host.Client.SendAsync(ServiceUrl, ChannelThread, Message("hallo"), CancellationToken.None);

        var call = Assert.Single(_connector.Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal($"/v3/conversations/{ChannelThreadEncoded}/activities", call.Path);
        Assert.Equal(ChannelThread, call.ConversationId);
        Assert.Equal("hallo", call.Text);
        Assert.Equal("message", call.Body!["type"]!.GetValue<string>());
        Assert.Equal(Encoded(call.Body).Length, call.ContentLength);
        Assert.False(call.Chunked);
        Assert.Equal("application/json; charset=utf-8", call.ContentType);
        Assert.StartsWith("act-", sent.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_posts_to_the_encoded_activity_of_the_conversation()
    {
        var reply = Message("antwoord");
        reply.ReplyToId = OddActivityId;

        var sent = await _host.Client.ReplyAsync(ServiceUrl, ChannelThread, OddActivityId, reply, CancellationToken.None);

        var call = Assert.Single(_connector.Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal($"/v3/conversations/{ChannelThreadEncoded}/activities/{OddActivityIdEncoded}", call.Path);
        Assert.Equal(OddActivityId, call.Body!["replyToId"]!.GetValue<string>());
        Assert.Equal("antwoord", call.Text);
        Assert.False(call.Chunked);
        Assert.NotNull(sent.Id);
    }

    [Fact]
    public async Task Update_puts_the_activity_at_its_encoded_id()
    {
        var card = Message("bijgewerkt");
        card.Id = OddActivityId;

        var updated = await _host.Client.UpdateAsync(ServiceUrl, ChannelThread, OddActivityId, card, CancellationToken.None);

        var call = Assert.Single(_connector.Calls);
        Assert.Equal("PUT", call.Method);
        Assert.Equal($"/v3/conversations/{ChannelThreadEncoded}/activities/{OddActivityIdEncoded}", call.Path);
        Assert.Equal(OddActivityId, call.Body!["id"]!.GetValue<string>());
        Assert.Equal("bijgewerkt", call.Text);
        Assert.Equal(Encoded(call.Body).Length, call.ContentLength);
        Assert.NotNull(updated.Id);
    }

    [Fact]
    public async Task Update_refuses_an_activity_that_names_another_id()
    {
        var card = Message("x");
        card.Id = "other";

        await Assert.ThrowsAsync<ArgumentException>(() => _host.Client.UpdateAsync(ServiceUrl, ChannelThread, OddActivityId, card, CancellationToken.None));
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task Delete_sends_a_delete_without_a_body()
    {
        await _host.Client.DeleteAsync(ServiceUrl, ChannelThread, OddActivityId, CancellationToken.None);

        var call = Assert.Single(_connector.Calls);
        Assert.Equal("DELETE", call.Method);
        Assert.Equal($"/v3/conversations/{ChannelThreadEncoded}/activities/{OddActivityIdEncoded}", call.Path);
        Assert.Null(call.Body);
    }

    [Fact]
    public async Task Paged_members_sends_page_size_and_continuation_token_in_the_query()
    {
        AddMembers(3);

        var first = await _host.Client.GetPagedMembersAsync(ServiceUrl, ChannelThread, 2, null, CancellationToken.None);
        var second = await _host.Client.GetPagedMembersAsync(ServiceUrl, ChannelThread, 2, first.ContinuationToken, CancellationToken.None);

        Assert.Equal(["29:member-1", "29:member-2"], first.Members.Select(m => m.Id));
        Assert.Equal("2", first.ContinuationToken);
        Assert.Equal(["29:member-3"], second.Members.Select(m => m.Id));
        Assert.Null(second.ContinuationToken);
        Assert.Equal("aad-3", second.Members[0].AadObjectId);
        Assert.Equal("member3@contoso.be", second.Members[0].Properties!["email"].GetString());
        var calls = _connector.Calls;
        Assert.All(calls, c => Assert.Equal("GET", c.Method));
        Assert.All(calls, c => Assert.Equal($"/v3/conversations/{ChannelThreadEncoded}/pagedmembers", c.Path));
        Assert.Equal(["?pageSize=2", "?pageSize=2&continuationToken=2"], calls.Select(c => c.Query));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(100)]
    public async Task All_members_walks_every_page(int pageSize)
    {
        AddMembers(7);

        var members = await _host.Client.GetAllMembersAsync(ServiceUrl, ChannelThread, pageSize, CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"29:member-{i}"), members.Select(m => m.Id));
        Assert.Equal((7 + pageSize - 1) / pageSize, _connector.Calls.Count);
    }

    [Fact]
    public async Task All_members_stops_when_the_connector_repeats_a_continuation_token()
    {
        var looping = new LoopingMembers();

        var error = await Assert.ThrowsAsync<ConnectorException>(() => looping.GetAllMembersAsync(ServiceUrl, ChannelThread, CancellationToken.None));

        Assert.Equal(ConnectorOperations.GetConversationPagedMembers, error.Operation);
        Assert.Equal(2, looping.Pages);
    }

    [Fact]
    public async Task Create_posts_a_personal_conversation_for_the_user_and_returns_its_id()
    {
        var bot = new Account { Id = "28:stuyfbot", Name = "StuyfBot" };
        var user = new Account { Id = "29:user-1", AadObjectId = "aad-user-1" };

        var created = await _host.Client.CreateAsync(ServiceUrl, ConversationParameters.Personal(bot, user, "tenant-1"), CancellationToken.None);

        Assert.Equal("a:1on1-29:user-1", created.Id);
        var call = Assert.Single(_connector.Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal("/v3/conversations", call.Path);
        var body = call.Body!.AsObject();
        Assert.False(body["isGroup"]!.GetValue<bool>());
        Assert.Equal("28:stuyfbot", body["bot"]!["id"]!.GetValue<string>());
        var member = Assert.Single(body["members"]!.AsArray());
        Assert.Equal("29:user-1", member!["id"]!.GetValue<string>());
        Assert.Equal("tenant-1", body["tenantId"]!.GetValue<string>());
        Assert.Equal("tenant-1", body["channelData"]!["tenant"]!["id"]!.GetValue<string>());
        Assert.False(body.ContainsKey("activity"));
        Assert.Equal(Encoded(body).Length, call.ContentLength);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_service_url_works_with_or_without_a_trailing_slash(bool trailingSlash)
    {
        var serviceUrl = trailingSlash ? ServiceUrl : ServiceUrl.TrimEnd('/');

        await _host.Client.SendAsync(serviceUrl, "a:1", Message("x"), CancellationToken.None);

        Assert.Equal("/v3/conversations/a%3A1/activities", Assert.Single(_connector.Calls).Path);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/", "https://smba.trafficmanager.net/emea/v3/conversations/a%3A1/activities")]
    [InlineData("https://smba.trafficmanager.net/emea", "https://smba.trafficmanager.net/emea/v3/conversations/a%3A1/activities")]
    [InlineData("http://127.0.0.1:5000/_connector", "http://127.0.0.1:5000/_connector/v3/conversations/a%3A1/activities")]
    [InlineData("https://smba.trafficmanager.net", "https://smba.trafficmanager.net/v3/conversations/a%3A1/activities")]
    public void Service_urls_with_a_path_keep_it(string serviceUrl, string expected)
    {
        var url = ConnectorUrl.Build(serviceUrl, $"v3/conversations/{ConnectorUrl.Segment("a:1")}/activities");

        Assert.Equal(expected, url.AbsoluteUri);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("ftp://example.org/")]
    [InlineData("https://example.org/?x=1")]
    [InlineData("https://user:pw@example.org/")]
    public async Task A_bad_service_url_is_refused_before_anything_is_sent(string serviceUrl)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _host.Client.SendAsync(serviceUrl, "a:1", Message("x"), CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(".")]
    [InlineData("..")]
    public async Task A_bad_id_is_refused_before_anything_is_sent(string id)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _host.Client.SendAsync(ServiceUrl, id, Message("x"), CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _host.Client.DeleteAsync(ServiceUrl, "a:1", id, CancellationToken.None));
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task A_failure_is_a_connector_exception_with_the_status_and_error_code_but_no_body_or_ids()
    {
        _connector.FailNext(403, errorCode: "ConversationBlockedByUser");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => _host.Client.SendAsync(ServiceUrl, ChannelThread, Message("x"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal(ConnectorOperations.SendToConversation, error.Operation);
        Assert.Equal("ConversationBlockedByUser", error.ErrorCode);
        Assert.DoesNotContain(LoopbackConnector.ErrorDetail, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("abc", error.Message, StringComparison.Ordinal);
        Assert.Single(_connector.Calls);
    }

    [Fact]
    public async Task A_create_answer_without_an_id_is_an_error()
    {
        _connector.AnswerNext(200, """{"activityId":"1"}""");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => _host.Client.CreateAsync(
            ServiceUrl,
            ConversationParameters.Personal(new Account { Id = "28:bot" }, new Account { Id = "29:u" }, "tenant-1"),
            CancellationToken.None));

        Assert.Equal(ConnectorOperations.CreateConversation, error.Operation);
    }

    [Fact]
    public async Task A_success_with_a_broken_body_is_an_error_not_a_crash()
    {
        _connector.AnswerNext(201, "{not json");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => _host.Client.SendAsync(ServiceUrl, "a:1", Message("x"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Created, error.StatusCode);
        Assert.IsType<System.Text.Json.JsonException>(error.InnerException, exactMatch: false);
    }

    [Fact]
    public async Task An_empty_page_of_members_is_an_empty_last_page()
    {
        _connector.AnswerNext(200, """{"continuationToken":""}""");

        var page = await _host.Client.GetPagedMembersAsync(ServiceUrl, "a:1", null, null, CancellationToken.None);

        Assert.Empty(page.Members);
        Assert.Null(page.ContinuationToken);
        Assert.Equal(string.Empty, Assert.Single(_connector.Calls).Query);
    }

    private static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text, TextFormat = TextFormats.Plain };

    private static byte[] Encoded(JsonNode node) => System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());

    private void AddMembers(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            _connector.Members.Add(new JsonObject
            {
                ["id"] = $"29:member-{i}",
                ["name"] = $"Member {i}",
                ["aadObjectId"] = $"aad-{i}",
                ["email"] = $"member{i}@contoso.be",
            });
        }
    }

    /// <summary>A connector that hands out the same continuation token forever.</summary>
    private sealed class LoopingMembers : IConversationClient
    {
        public int Pages { get; private set; }

        public Task<PagedMembersResult> GetPagedMembersAsync(string serviceUrl, string conversationId, int? pageSize, string? continuationToken, CancellationToken cancellationToken)
        {
            Pages++;
            return Task.FromResult(new PagedMembersResult([new Account { Id = "29:same" }], "again"));
        }

        public Task<ResourceResponse> SendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) => throw new InvalidOperationException();

        public Task<ResourceResponse> ReplyAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken) => throw new InvalidOperationException();

        public Task<ResourceResponse> UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) => throw new InvalidOperationException();

        public Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) => throw new InvalidOperationException();

        public Task<ConversationResourceResponse> CreateAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken) => throw new InvalidOperationException();
    }
}
