using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using AlbLogLambda.Aws;
using AlbLogLambda.Sns;
using AlbLogLambda.TestSupport;
using Amazon.Runtime;

namespace AlbLogLambda.Tests.Sns;

public sealed class SnsPublisherTests
{
    private const string TopicArn = "arn:aws:sns:eu-west-1:123456789012:alb-502-alerts";
    private const string FifoTopicArn = "arn:aws:sns:eu-west-1:123456789012:alb-502-alerts.fifo";

    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(60);
    private static readonly AWSCredentials s_credentials = new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

    private static string PublishOk(string messageId, string? sequenceNumber = null) =>
        $"""
        <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
          <PublishResult>
            <MessageId>{messageId}</MessageId>{(sequenceNumber is null ? "" : $"<SequenceNumber>{sequenceNumber}</SequenceNumber>")}
          </PublishResult>
          <ResponseMetadata><RequestId>f187a3c1-376f-11df-8963-01868b7c937a</RequestId></ResponseMetadata>
        </PublishResponse>
        """;

    private static string SnsError(string type, string code, string message) =>
        $"""
        <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
          <Error><Type>{type}</Type><Code>{code}</Code><Message>{message}</Message></Error>
          <RequestId>9dd01905-5012-5f99-8663-4b3ecd0dfaef</RequestId>
        </ErrorResponse>
        """;

    private static SnsMessage Message(string topicArn = TopicArn, string? groupId = null, string? dedupId = null) => new(
        topicArn,
        "ALB 502: app/my-alb/50dc6c495c0c9188 37 elb / 2 target",
        "{\"lb\":\"app/my-alb/50dc6c495c0c9188\",\"count_502\":39,\"note\":\"a&b=c d+e é\\n\"}",
        [new SnsMessageAttribute("origin", "String", "load-balancer"), new SnsMessageAttribute("count_elb_502", "Number", "37")],
        groupId,
        dedupId);

    private sealed class RecordedDelays
    {
        public List<TimeSpan> Delays { get; } = [];

        public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
        {
            lock (Delays)
            {
                Delays.Add(delay);
            }

            return Task.CompletedTask;
        }
    }

    private static SnsPublisher Publisher(Uri endpoint, RecordedDelays? delays = null, AWSCredentials? credentials = null, string? region = "eu-west-1", int maxAttempts = 4) =>
        new(
            new SnsPublisherOptions
            {
                Endpoint = endpoint,
                Region = region,
                MaxAttempts = maxAttempts,
                AttemptTimeout = TimeSpan.FromSeconds(5),
                Delay = (delays ?? new RecordedDelays()).Delay,
            },
            credentials ?? s_credentials);

    private static List<KeyValuePair<string, string>> Form(string body) =>
        body.Split('&').Select(pair =>
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            return KeyValuePair.Create(Uri.UnescapeDataString(pair[..eq]), Uri.UnescapeDataString(pair[(eq + 1)..]));
        }).ToList();

    [Fact]
    public async Task PublishAsync_FifoMessage_PostsTheCompleteFormBody()
    {
        await using var sns = new RecordingHttpServer();
        sns.Enqueue(new ScriptedResponse(200, PublishOk("567910cd-659e-55d4-8ccb-5aaf14679dc0", "10000000000000003000")));
        using var publisher = Publisher(sns.BaseUri);
        var message = Message(FifoTopicArn, "app/my-alb/50dc6c495c0c9188", "3f6c0e0b2d1a4e5f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f");

        var result = await publisher.PublishAsync(message, CancellationToken.None).WaitAsync(s_bound);

        Assert.Equal("567910cd-659e-55d4-8ccb-5aaf14679dc0", result.MessageId);
        Assert.Equal("10000000000000003000", result.SequenceNumber);
        Assert.Equal(1, result.Attempts);
        var request = Assert.Single(sns.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.Path);
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal(
            [
                KeyValuePair.Create("Action", "Publish"),
                KeyValuePair.Create("Version", "2010-03-31"),
                KeyValuePair.Create("TopicArn", FifoTopicArn),
                KeyValuePair.Create("Subject", message.Subject),
                KeyValuePair.Create("Message", message.Body),
                KeyValuePair.Create("MessageAttributes.entry.1.Name", "origin"),
                KeyValuePair.Create("MessageAttributes.entry.1.Value.DataType", "String"),
                KeyValuePair.Create("MessageAttributes.entry.1.Value.StringValue", "load-balancer"),
                KeyValuePair.Create("MessageAttributes.entry.2.Name", "count_elb_502"),
                KeyValuePair.Create("MessageAttributes.entry.2.Value.DataType", "Number"),
                KeyValuePair.Create("MessageAttributes.entry.2.Value.StringValue", "37"),
                KeyValuePair.Create("MessageGroupId", "app/my-alb/50dc6c495c0c9188"),
                KeyValuePair.Create("MessageDeduplicationId", message.MessageDeduplicationId!),
            ],
            Form(request.BodyText));
        // RFC 3986 encoding: no raw reserved characters, '+' and ' ' never stand for each other.
        Assert.DoesNotContain("+", request.BodyText, StringComparison.Ordinal);
        Assert.Contains("Message=%7B%22lb%22%3A%22app%2Fmy-alb", request.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_StandardMessageWithoutSubject_OmitsOptionalFields()
    {
        await using var sns = new RecordingHttpServer();
        sns.Enqueue(new ScriptedResponse(200, PublishOk("b2d1c0a9-0000-4000-8000-000000000001")));
        using var publisher = Publisher(sns.BaseUri);

        await publisher.PublishAsync(new SnsMessage(TopicArn, "", "body", [], null, null), CancellationToken.None).WaitAsync(s_bound);

        var names = Form(Assert.Single(sns.Requests).BodyText).Select(p => p.Key);
        Assert.Equal(["Action", "Version", "TopicArn", "Message"], names);
    }

    [Fact]
    public async Task PublishAsync_Request_IsSignedWithSigV4ForSnsInTheRegion()
    {
        await using var sns = new RecordingHttpServer();
        sns.Enqueue(new ScriptedResponse(200, PublishOk("m-1")));
        using var publisher = Publisher(sns.BaseUri);

        await publisher.PublishAsync(Message(), CancellationToken.None).WaitAsync(s_bound);

        var request = Assert.Single(sns.Requests);
        var amzDate = request.Header("X-Amz-Date")!;
        Assert.Matches("^[0-9]{8}T[0-9]{6}Z$", amzDate);
        var authorization = request.Header("Authorization")!;
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/{amzDate[..8]}/eu-west-1/sns/aws4_request,", authorization, StringComparison.Ordinal);
        Assert.Contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date,", authorization, StringComparison.Ordinal);
        Assert.Matches("Signature=[0-9a-f]{64}$", authorization);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(request.Body)), request.Header("X-Amz-Content-SHA256"));
        Assert.Null(request.Header("X-Amz-Security-Token"));
    }

    [Fact]
    public async Task PublishAsync_Request_SignatureMatchesTheHeadersAsReceived()
    {
        await using var sns = new RecordingHttpServer();
        sns.Enqueue(new ScriptedResponse(200, PublishOk("m-1")));
        using var publisher = Publisher(sns.BaseUri);
        await publisher.PublishAsync(Message(), CancellationToken.None).WaitAsync(s_bound);
        var received = Assert.Single(sns.Requests);

        // Re-sign what arrived (host:port, Content-Type, body) at the same instant: any header changed between signing
        // and sending would give another signature.
        using var replay = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://{received.Header("Host")}{received.Path}"))
        {
            Content = new ByteArrayContent(received.Body),
        };
        replay.Content.Headers.TryAddWithoutValidation("Content-Type", received.Header("Content-Type"));
        var signedAt = DateTime.ParseExact(received.Header("X-Amz-Date")!, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        await SigV4RequestSigner.SignAsync(replay, received.Body, s_credentials, "eu-west-1", "sns", signedAt, CancellationToken.None);

        Assert.Equal(received.Header("Authorization"), string.Join(",", replay.Headers.GetValues("Authorization")));
    }

    [Fact]
    public async Task PublishAsync_SessionCredentials_SendsTheSecurityToken()
    {
        await using var sns = new RecordingHttpServer();
        sns.Enqueue(new ScriptedResponse(200, PublishOk("m-1")));
        using var publisher = Publisher(sns.BaseUri, credentials: new SessionAWSCredentials("ASIAEXAMPLESESSION01", "secret", "FwoGZXIvYXdzEXAMPLETOKEN"));

        await publisher.PublishAsync(Message(), CancellationToken.None).WaitAsync(s_bound);

        var request = Assert.Single(sns.Requests);
        Assert.Equal("FwoGZXIvYXdzEXAMPLETOKEN", request.Header("X-Amz-Security-Token"));
        Assert.Contains(";x-amz-security-token,", request.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_NoConfiguredRegion_SignsForTheTopicArnRegion()
    {
        await using var sns = new RecordingHttpServer();
        sns.Enqueue(new ScriptedResponse(200, PublishOk("m-1")));
        using var publisher = Publisher(sns.BaseUri, region: null);

        await publisher.PublishAsync(Message("arn:aws:sns:ap-southeast-2:123456789012:alb-502-alerts"), CancellationToken.None).WaitAsync(s_bound);

        Assert.Contains("/ap-southeast-2/sns/aws4_request,", Assert.Single(sns.Requests).Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_ServerErrorThenThrottlingThenSuccess_RetriesWithBoundedBackoff()
    {
        await using var sns = new RecordingHttpServer();
        sns.Enqueue(
            new ScriptedResponse(500, SnsError("Receiver", "InternalError", "An internal error occurred.")),
            new ScriptedResponse(400, SnsError("Sender", "Throttling", "Rate exceeded")),
            new ScriptedResponse(200, PublishOk("after-retries")));
        var delays = new RecordedDelays();
        using var publisher = Publisher(sns.BaseUri, delays);

        var result = await publisher.PublishAsync(Message(), CancellationToken.None).WaitAsync(s_bound);

        Assert.Equal("after-retries", result.MessageId);
        Assert.Equal(3, result.Attempts);
        Assert.Equal(3, sns.Requests.Count);
        Assert.All(sns.Requests, r => Assert.Equal(sns.Requests[0].BodyText, r.BodyText));
        // BaseDelay 200 ms doubling, equal jitter: attempt n waits within [cap/2, cap], cap = min(200 ms * 2^(n-1), 3 s).
        Assert.Equal(2, delays.Delays.Count);
        Assert.InRange(delays.Delays[0], TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200));
        Assert.InRange(delays.Delays[1], TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400));
    }

    [Theory]
    [InlineData(400, "ThrottlingException")]
    [InlineData(400, "ThrottledException")]
    [InlineData(400, "KMSThrottling")]
    [InlineData(429, "TooManyRequestsException")]
    [InlineData(503, "ServiceUnavailable")]
    public async Task PublishAsync_TransientErrorThenSuccess_Retries(int status, string code)
    {
        await using var sns = new RecordingHttpServer();
        sns.Enqueue(new ScriptedResponse(status, SnsError("Receiver", code, "try again")), new ScriptedResponse(200, PublishOk("ok")));
        using var publisher = Publisher(sns.BaseUri);

        SnsPublishResult? result = null;
        SnsPublishException? error = null;
        try
        {
            result = await publisher.PublishAsync(Message(), CancellationToken.None).WaitAsync(s_bound);
        }
        catch (SnsPublishException ex)
        {
            error = ex;
        }

        // On failure, say what the publisher saw and what the server received.
        var received = string.Join("; ", sns.Requests.Select(r => r.Summary));
        Assert.True(result?.Attempts == 2, $"attempts: {result?.Attempts}; error: {error}; received: {received}");
    }

    [Theory]
    [InlineData(403, "AuthorizationError", "User: arn:aws:sts::123456789012:assumed-role/alb-log-502/fn is not authorized to perform: SNS:Publish")]
    [InlineData(404, "NotFound", "Topic does not exist")]
    [InlineData(400, "InvalidParameter", "Invalid parameter: MessageGroupId")]
    [InlineData(400, "KMSDisabled", "The request was rejected because the specified AWS KMS key isn't enabled.")]
    public async Task PublishAsync_PermanentError_ThrowsNotRetryableAfterOneAttempt(int status, string code, string text)
    {
        await using var sns = new RecordingHttpServer { Fallback = new ScriptedResponse(status, SnsError("Sender", code, text)) };
        var delays = new RecordedDelays();
        using var publisher = Publisher(sns.BaseUri, delays);

        var ex = await Assert.ThrowsAsync<SnsPublishException>(() => publisher.PublishAsync(Message(), CancellationToken.None).WaitAsync(s_bound));

        Assert.False(ex.Retryable);
        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(text, ex.ErrorMessage);
        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal(1, ex.Attempts);
        Assert.Single(sns.Requests);
        Assert.Empty(delays.Delays);
        Assert.Contains("permanent", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_TransientErrorEveryTime_ThrowsRetryableAfterMaxAttempts()
    {
        await using var sns = new RecordingHttpServer { Fallback = new ScriptedResponse(503, SnsError("Receiver", "ServiceUnavailable", "busy")) };
        using var publisher = Publisher(sns.BaseUri, maxAttempts: 4);

        var ex = await Assert.ThrowsAsync<SnsPublishException>(() => publisher.PublishAsync(Message(), CancellationToken.None).WaitAsync(s_bound));

        Assert.True(ex.Retryable);
        Assert.Equal("ServiceUnavailable", ex.ErrorCode);
        Assert.Equal(4, ex.Attempts);
        Assert.Equal(4, sns.Requests.Count);
        Assert.Contains("transient", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_EndpointNeverAnswers_TimesOutEachAttemptAndThrowsRetryable()
    {
        await using var sns = new RecordingHttpServer { Fallback = new ScriptedResponse(200) { NeverAnswer = true } };
        using var publisher = new SnsPublisher(
            new SnsPublisherOptions
            {
                Endpoint = sns.BaseUri,
                Region = "eu-west-1",
                MaxAttempts = 2,
                // Long enough for a loaded machine to get each request to the server before the attempt gives up.
                AttemptTimeout = TimeSpan.FromSeconds(2),
                Delay = new RecordedDelays().Delay,
            },
            s_credentials);

        var ex = await Assert.ThrowsAsync<SnsPublishException>(() => publisher.PublishAsync(Message(), CancellationToken.None).WaitAsync(s_bound));

        Assert.True(ex.Retryable);
        Assert.Equal("Timeout", ex.ErrorCode);
        Assert.Null(ex.StatusCode);
        Assert.Equal(2, ex.Attempts);
        Assert.Equal(2, (await sns.WaitForRequestsAsync(2, TimeSpan.FromSeconds(10))).Count);
    }

    [Fact]
    public async Task PublishAsync_ConnectionRefused_ThrowsRetryableConnectionFailure()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var publisher = Publisher(new Uri($"http://127.0.0.1:{port}/"), maxAttempts: 2);

        var ex = await Assert.ThrowsAsync<SnsPublishException>(() => publisher.PublishAsync(Message(), CancellationToken.None).WaitAsync(s_bound));

        Assert.True(ex.Retryable);
        Assert.Equal("ConnectionFailure", ex.ErrorCode);
        Assert.Equal(2, ex.Attempts);
    }

    [Fact]
    public async Task PublishAsync_SuccessWithoutMessageId_ThrowsWithoutRetrying()
    {
        await using var sns = new RecordingHttpServer { Fallback = new ScriptedResponse(200, "<html>proxy page</html>") };
        using var publisher = Publisher(sns.BaseUri);

        var ex = await Assert.ThrowsAsync<SnsPublishException>(() => publisher.PublishAsync(Message(), CancellationToken.None).WaitAsync(s_bound));

        Assert.Equal("InvalidResponse", ex.ErrorCode);
        Assert.False(ex.Retryable);
        Assert.Single(sns.Requests);
    }

    [Fact]
    public void FormBody_BinaryAttribute_IsRejected()
    {
        var message = Message() with { Attributes = [new SnsMessageAttribute("blob", "Binary", "AAEC")] };

        Assert.Throws<ArgumentException>(() => SnsPublisher.FormBody(message));
    }

    [Theory]
    [InlineData("arn:aws:sns:us-east-1:123456789012:alerts", "us-east-1")]
    [InlineData("arn:aws-cn:sns:cn-north-1:123456789012:alerts", "cn-north-1")]
    [InlineData("arn:aws:sns:eu-central-1:123456789012:alerts.fifo", "eu-central-1")]
    public void RegionFromTopicArn_TopicArn_ReturnsItsRegion(string arn, string region) =>
        Assert.Equal(region, SnsPublisher.RegionFromTopicArn(arn));

    [Theory]
    [InlineData("alerts")]
    [InlineData("arn:aws:sqs:us-east-1:123456789012:queue")]
    [InlineData("arn:aws:sns::123456789012:alerts")]
    public void RegionFromTopicArn_NotATopicArn_Throws(string arn) =>
        Assert.Throws<ArgumentException>(() => SnsPublisher.RegionFromTopicArn(arn));

    [Theory]
    [InlineData("us-east-1", "https://sns.us-east-1.amazonaws.com/")]
    [InlineData("cn-north-1", "https://sns.cn-north-1.amazonaws.com.cn/")]
    public void DefaultEndpoint_Region_IsThePartitionsSnsEndpoint(string region, string expected) =>
        Assert.Equal(new Uri(expected), SnsPublisher.DefaultEndpoint(region));

    [Fact]
    public void FromEnvironment_SnsSpecificEndpoint_WinsOverTheGenericOne()
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_REGION"] = "eu-west-1",
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4566/",
            ["AWS_ENDPOINT_URL_SNS"] = "http://127.0.0.1:9911/",
        };

        var options = SnsPublisherOptions.FromEnvironment(name => environment.GetValueOrDefault(name));

        // The topic ARN names the region to sign for, not the function's AWS_REGION.
        Assert.Null(options.Region);
        Assert.Equal(new Uri("http://127.0.0.1:9911/"), options.Endpoint);
    }

    [Fact]
    public void FromEnvironment_NothingSet_UsesTopicRegionAndPublicEndpoint()
    {
        var options = SnsPublisherOptions.FromEnvironment(_ => null);

        Assert.Null(options.Region);
        Assert.Null(options.Endpoint);
    }
}
