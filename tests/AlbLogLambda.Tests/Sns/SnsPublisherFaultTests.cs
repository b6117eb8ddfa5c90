using AlbLogLambda.Sns;
using AlbLogLambda.Tests.EndToEnd;
using AlbLogLambda.TestSupport;

namespace AlbLogLambda.Tests.Sns;

/// <summary>
/// SNS Publish through <see cref="FaultProxy"/> in front of moto's SNS: a transient fault costs an attempt and the
/// topic still gets exactly one message; a fault that lasts ends in a retryable failure and the topic gets nothing.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SnsPublisherFaultTests(MotoAlertFixture moto) : IClassFixture<MotoAlertFixture>
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(90);

    private static SnsPublisher Publisher(Uri endpoint, int maxAttempts = 4) => new(
        new SnsPublisherOptions
        {
            Endpoint = endpoint,
            MaxAttempts = maxAttempts,
            // Long enough for a loaded machine to get a request through; a stalled attempt ends here.
            AttemptTimeout = TimeSpan.FromSeconds(3),
            Delay = static (_, _) => Task.CompletedTask,
        },
        MotoAlertFixture.Credentials);

    private async Task<string> TopicAsync() => await moto.CreateTopicAsync($"alb-502-{Guid.NewGuid():N}");

    [Theory]
    [InlineData("drop")]
    [InlineData("stall")]
    [InlineData("500")]
    [InlineData("503")]
    [InlineData("throttle")]
    public async Task PublishAsync_TransientFaultOnTheFirstAttempt_IsRetriedAndTheTopicGetsOneMessage(string fault)
    {
        var topic = await TopicAsync();
        await using var proxy = new FaultProxy(moto.Server.Endpoint);
        proxy.Inject(ProxyFault.Named(fault), times: 1);
        using var publisher = Publisher(proxy.Endpoint);
        var body = $"summary {Guid.NewGuid():N}";

        var result = await publisher.PublishAsync(new SnsMessage(topic, "ALB 502: my-alb", body, [], null, null), CancellationToken.None).WaitAsync(s_bound);

        Assert.Equal(2, result.Attempts);
        var sent = Assert.Single(await moto.SentAsync(topic));
        Assert.Equal((result.MessageId, body, "ALB 502: my-alb"), sent);
        Assert.Equal(ProxyFault.Named(fault).Kind, proxy.Requests[0].Fault?.Kind);
        Assert.Equal(200, proxy.Requests[^1].UpstreamStatus);
    }

    [Fact]
    public async Task PublishAsync_ThrottledTwiceThenAnswered_PublishesExactlyOneMessage()
    {
        var topic = await TopicAsync();
        await using var proxy = new FaultProxy(moto.Server.Endpoint);
        proxy.Inject(ProxyFault.Throttle, times: 2);
        using var publisher = Publisher(proxy.Endpoint);

        var result = await publisher.PublishAsync(new SnsMessage(topic, "subject", "throttled twice", [], null, null), CancellationToken.None).WaitAsync(s_bound);

        Assert.Equal(3, result.Attempts);
        Assert.Equal(result.MessageId, Assert.Single(await moto.SentAsync(topic)).MessageId);
        Assert.Equal([ProxyFaultKind.Throttle, ProxyFaultKind.Throttle, (ProxyFaultKind?)null], proxy.Requests.Select(r => r.Fault?.Kind));
    }

    [Fact]
    public async Task PublishAsync_EveryAttemptStalls_FailsRetryableAfterItsAttemptsAndTheTopicGetsNothing()
    {
        var topic = await TopicAsync();
        await using var proxy = new FaultProxy(moto.Server.Endpoint);
        proxy.Inject(ProxyFault.Stall);
        using var publisher = Publisher(proxy.Endpoint, maxAttempts: 2);

        var ex = await Assert.ThrowsAsync<SnsPublishException>(
            () => publisher.PublishAsync(new SnsMessage(topic, "subject", "never answered", [], null, null), CancellationToken.None).WaitAsync(s_bound));

        Assert.True(ex.Retryable);
        Assert.Equal("Timeout", ex.ErrorCode);
        Assert.Equal(2, ex.Attempts);
        Assert.Empty(await moto.SentAsync(topic));
    }

    [Fact]
    public async Task PublishAsync_ThrottledEveryTime_FailsRetryableWithAwssThrottlingCode()
    {
        var topic = await TopicAsync();
        await using var proxy = new FaultProxy(moto.Server.Endpoint);
        proxy.Inject(ProxyFault.Throttle);
        using var publisher = Publisher(proxy.Endpoint, maxAttempts: 3);

        var ex = await Assert.ThrowsAsync<SnsPublishException>(
            () => publisher.PublishAsync(new SnsMessage(topic, "subject", "always throttled", [], null, null), CancellationToken.None).WaitAsync(s_bound));

        Assert.True(ex.Retryable);
        Assert.Equal("Throttling", ex.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal(3, ex.Attempts);
        Assert.Empty(await moto.SentAsync(topic));
    }
}
