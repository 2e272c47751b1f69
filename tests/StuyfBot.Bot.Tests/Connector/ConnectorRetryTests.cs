using System.Net;
using StuyfBot.Platform.Api;
using StuyfBot.Platform.Api.Clients;
using StuyfBot.Testing;

namespace StuyfBot.Bot.Tests.Connector;

/// <summary>
/// The retry policy over real HTTP: what is retried, after how long, how often, and above all
/// that a POST the connector may have processed is never sent a second time.
/// </summary>
public sealed class ConnectorRetryTests : IAsyncLifetime
{
    private const int MaxAttempts = 3;

    private LoopbackConnector _connector = null!;
    private ConnectorHost _host = null!;

    private string ServiceUrl => _connector.ServiceUrl.ToString();

    public async Task InitializeAsync()
    {
        _connector = await LoopbackConnector.StartAsync();
        _host = ConnectorHost.Start(new Dictionary<string, string?>
        {
            ["Bot:Connector:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task A_429_with_retry_after_in_seconds_is_retried_after_that_delay_and_the_message_arrives_once()
    {
        _connector.FailNext(429, TimeSpan.FromSeconds(1));

        var sent = await Send("één keer");

        Assert.NotNull(sent.Id);
        var calls = _connector.Calls;
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal("één keer", c.Text));
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(950), $"The retry came {(calls[1].At - calls[0].At).TotalMilliseconds} ms after the 429 that asked for 1 s.");
        var retry = Assert.Single(_host.Retries);
        Assert.Equal(ConnectorOperations.SendToConversation, retry.Fields["Operation"]);
        Assert.Equal(429, retry.Fields["StatusCode"]);
        Assert.Equal(1, retry.Fields["Attempt"]);
        Assert.Equal(MaxAttempts, retry.Fields["MaxAttempts"]);
        Assert.Equal(1000L, retry.Fields["DelayMs"]);
    }

    [Fact]
    public async Task A_429_with_retry_after_as_a_date_is_retried_after_that_moment()
    {
        var retryAt = DateTimeOffset.UtcNow.AddSeconds(2);
        _connector.FailNext(429, retryAt);

        await Send("datum");

        var calls = _connector.Calls;
        Assert.Equal(2, calls.Count);

        // HTTP dates have whole seconds; the retry may not come before the second that was named.
        Assert.True(calls[1].At >= retryAt.AddSeconds(-1), $"Retried at {calls[1].At:O}, asked for {retryAt:O}.");
        var delay = (long)Assert.Single(_host.Retries).Fields["DelayMs"]!;
        Assert.InRange(delay, 500, 2000);
    }

    [Fact]
    public async Task A_429_asking_for_longer_than_the_cap_fails_at_once_with_the_retry_after()
    {
        _connector.FailNext(429, TimeSpan.FromSeconds(60));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Send("te lang"));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), error.RetryAfter);
        Assert.Single(_connector.Calls);
        Assert.Empty(_host.Retries);
    }

    [Fact]
    public async Task A_429_without_retry_after_backs_off_and_retries()
    {
        _connector.FailNext(429);

        await Send("zonder header");

        Assert.Equal(2, _connector.Calls.Count);
    }

    [Fact]
    public async Task A_500_on_a_post_is_not_retried()
    {
        _connector.FailNext(500);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Send("misschien al aangekomen"));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Single(_connector.Calls);
        Assert.Empty(_host.Retries);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(408)]
    public async Task A_transient_status_on_a_put_is_retried(int status)
    {
        _connector.FailNext(status);

        await _host.Client.UpdateAsync(ServiceUrl, "a:1", "act-9", Message("kaart"), CancellationToken.None);

        var calls = _connector.Calls;
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal("PUT", c.Method));
        var retry = Assert.Single(_host.Retries);
        Assert.True(retry.Fields.ContainsKey("StatusCode"), retry.Message);
        Assert.Equal(status, retry.Fields["StatusCode"]);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Get_and_delete_are_retried_too(int status)
    {
        _connector.FailNext(status);
        await _host.Client.GetPagedMembersAsync(ServiceUrl, "a:1", null, null, CancellationToken.None);
        _connector.FailNext(status);
        await _host.Client.DeleteAsync(ServiceUrl, "a:1", "act-1", CancellationToken.None);

        Assert.Equal(["GET", "GET", "DELETE", "DELETE"], _connector.Calls.Select(c => c.Method));
    }

    [Fact]
    public async Task A_503_without_retry_after_on_a_post_is_not_retried()
    {
        _connector.FailNext(503);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Send("503"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Single(_connector.Calls);
    }

    [Fact]
    public async Task A_503_with_retry_after_on_a_post_is_retried_the_connector_shed_it()
    {
        _connector.FailNext(503, TimeSpan.FromSeconds(1));

        await Send("later");

        Assert.Equal(2, _connector.Calls.Count);
    }

    [Fact]
    public async Task Creating_a_conversation_is_a_post_and_not_retried_after_a_500()
    {
        _connector.FailNext(500);

        await Assert.ThrowsAsync<ConnectorException>(() => _host.Client.CreateAsync(
            ServiceUrl,
            ConversationParameters.Personal(new Account { Id = "28:bot" }, new Account { Id = "29:u" }, "tenant-1"),
            CancellationToken.None));

        Assert.Single(_connector.Calls);
    }

    [Fact]
    public async Task A_connection_dropped_after_a_post_was_written_is_not_retried()
    {
        _connector.DropNext();

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Send("weg"));

        Assert.Null(error.StatusCode);
        Assert.Single(_connector.Calls);
    }

    [Fact]
    public async Task A_connection_dropped_during_a_put_is_retried()
    {
        _connector.DropNext();

        await _host.Client.UpdateAsync(ServiceUrl, "a:1", "act-9", Message("kaart"), CancellationToken.None);

        Assert.Equal(2, _connector.Calls.Count);
    }

    [Fact]
    public async Task A_post_that_times_out_is_not_retried()
    {
        await using var host = ShortAttempts();
        _connector.DelayNext(TimeSpan.FromSeconds(20));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => host.Client.SendAsync(ServiceUrl, "a:1", Message("traag"), CancellationToken.None));

        Assert.Null(error.StatusCode);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.Single(_connector.Calls);
    }

    [Fact]
    public async Task A_put_that_times_out_is_retried()
    {
        await using var host = ShortAttempts();
        _connector.DelayNext(TimeSpan.FromSeconds(20));

        await host.Client.UpdateAsync(ServiceUrl, "a:1", "act-9", Message("kaart"), CancellationToken.None);

        Assert.Equal(2, _connector.Calls.Count);
        Assert.Equal("TimeoutRejectedException", Assert.Single(host.Retries).Fields["Error"]);
    }

    [Fact]
    public async Task Attempts_are_bounded()
    {
        _connector.FailNext(500, times: 10);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => _host.Client.UpdateAsync(ServiceUrl, "a:1", "act-9", Message("kaart"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(MaxAttempts, _connector.Calls.Count);
        Assert.Equal([1, 2], _host.Retries.Select(r => (int)r.Fields["Attempt"]!));
    }

    [Fact]
    public async Task A_refused_connection_is_retried_even_for_a_post_and_bounded()
    {
        // Nothing listens there: the request was certainly never written.
        var closed = $"http://127.0.0.1:{Ports.Free()}/";

        var error = await Assert.ThrowsAsync<ConnectorException>(() => _host.Client.SendAsync(closed, "a:1", Message("x"), CancellationToken.None));

        Assert.Null(error.StatusCode);
        Assert.IsType<HttpRequestException>(error.InnerException);
        var retries = _host.Retries;
        Assert.Equal(MaxAttempts - 1, retries.Count);
        Assert.All(retries, r => Assert.Equal(nameof(HttpRequestError.ConnectionError), r.Fields["Error"]));
    }

    [Fact]
    public async Task Cancelling_during_a_retry_wait_stops_at_once_without_another_call()
    {
        _connector.FailNext(429, TimeSpan.FromSeconds(4));
        using var cancel = new CancellationTokenSource();

        var sending = _host.Client.SendAsync(ServiceUrl, "a:1", Message("stop"), cancel.Token);
        await _connector.WaitForAsync(c => c.Method == "POST");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        Assert.Single(_connector.Calls);
    }

    [Fact]
    public async Task The_total_time_is_bounded()
    {
        await using var host = ConnectorHost.Start(new Dictionary<string, string?>
        {
            ["Bot:Connector:MaxAttempts"] = "10",
            ["Bot:Connector:TotalTimeout"] = "00:00:02.500",
            ["Bot:Connector:AttemptTimeout"] = "00:00:02.500",
        });
        _connector.FailNext(429, TimeSpan.FromSeconds(1), times: 10);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => host.Client.SendAsync(ServiceUrl, "a:1", Message("x"), CancellationToken.None));

        // Ten attempts were allowed, but a second apart they do not fit in 2.5 s.
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.InRange(_connector.Calls.Count, 2, 3);
    }

    /// <summary>A host whose attempts time out after 2 s: long enough for a cold first request on a busy machine.</summary>
    private static ConnectorHost ShortAttempts() => ConnectorHost.Start(new Dictionary<string, string?>
    {
        ["Bot:Connector:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Bot:Connector:AttemptTimeout"] = "00:00:02",
    });

    private Task<ResourceResponse> Send(string text) =>
        _host.Client.SendAsync(ServiceUrl, "19:abc@thread.v2", Message(text), CancellationToken.None);

    private static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };
}
