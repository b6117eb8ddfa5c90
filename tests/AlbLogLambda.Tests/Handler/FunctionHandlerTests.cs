using System.Text;
using AlbLogLambda.Core.Batch;
using AlbLogLambda.Observability;
using Microsoft.Extensions.Time.Testing;
using static AlbLogLambda.Tests.Handler.FunctionTestKit;

namespace AlbLogLambda.Tests.Handler;

/// <summary>
/// The handler as an adapter: event JSON in, the batch run with in-memory ports, the answer and the log lines out.
/// The batch's own rules are tested in Core (BatchRunnerTests).
/// </summary>
public sealed class FunctionHandlerTests : IDisposable
{
    private readonly FakeLogObjectSource _source = new();
    private readonly RecordingSummaryPublisher _publisher = new();
    private readonly StringWriter _log = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 10, 6, 0, TimeSpan.Zero));

    private FunctionHandler Create(ISummaryPublisher? publisher = null)
    {
        var log = new FunctionLog(_log, _clock);
        var batch = new BatchRunner(_source, publisher ?? _publisher, new FunctionSettings().Batch, _clock, new FunctionLogObserver(log));
        return new FunctionHandler(batch, log, _clock);
    }

    private DateTimeOffset FarDeadline => _clock.GetUtcNow().AddMinutes(10);

    private static string Lines(params string[] lines) => string.Concat(lines);

    [Fact]
    public async Task HandleAsync_S3EventWithUrlEncodedKey_ReadsTheDecodedKeyAndPublishesOneSummary()
    {
        var key = "my logs/" + Key();
        _source.Add(key, Gzip(Lines(Line(), Line("502 -", times: "-1 -1 -1"), Line("502 502", times: "0.001 0.200 0.000"))));

        var response = Json(await Create().HandleAsync(S3Event(key), FarDeadline, CancellationToken.None));

        Assert.Equal([key], _source.Opened);
        var (loadBalancer, message) = Assert.Single(_publisher.Published);
        Assert.Equal("app/my-alb/50dc6c495c0c9188", loadBalancer);
        Assert.StartsWith("ALB 502: my-alb 1 from LB, 1 from targets (2026-11-24 10:05Z)", message.Subject, StringComparison.Ordinal);
        Assert.Contains($"s3://{Bucket}/{key}", message.Body, StringComparison.Ordinal);
        var attributes = message.Attributes.ToDictionary(a => a.Name, a => (a.DataType, a.Value));
        Assert.Equal(("String", "app/my-alb/50dc6c495c0c9188"), attributes["loadBalancer"]);
        Assert.Equal(("String", "both"), attributes["origin"]);
        Assert.Equal(("Number", "1"), attributes["http502LoadBalancer"]);
        Assert.Equal(("Number", "1"), attributes["http502Target"]);
        Assert.Equal("String", attributes["topCause"].DataType);
        Assert.InRange(message.Attributes.Count, 5, 10);
        Assert.Equal("ok", response.GetProperty("objects")[0].GetProperty("status").GetString());
        Assert.False(response.TryGetProperty("batchItemFailures", out _));
        Assert.Contains("\"message\":\"object\"", _log.ToString(), StringComparison.Ordinal);
        Assert.Contains("\"Namespace\":\"AlbLogLambda\"", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_SqsBatchWithGoodCorruptTestFileAndUnreachableObjects_RetriesOnlyTheUnreachable()
    {
        string good = Key(rand: "good0001"), corrupt = Key(rand: "corrupt1"), flaky = Key(rand: "flaky001");
        _source.Add(good, Gzip(Lines(Line("502 -", times: "0.001 0.004 -1"), Line())));
        var damaged = Gzip(string.Concat(Enumerable.Repeat(Line("502 -", times: "-1 -1 -1"), 500)));
        _source.Add(corrupt, damaged[..(damaged.Length / 2)]);
        _source.Add(flaky, () => throw new LogObjectException(Bucket, flaky, LogObjectFailure.Throttled, "Please reduce your request rate.", "SlowDown"));
        var payload = SqsEvent(
            ("m-good", S3Body(good)),
            ("m-corrupt", S3Body(corrupt)),
            ("m-test", """{"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-11-24T10:00:00.000Z","Bucket":"alb-logs-123456789012","RequestId":"X","HostId":"Y"}"""),
            ("m-testfile", S3Body("AWSLogs/123456789012/ELBAccessLogTestFile")),
            ("m-flaky", S3Body(flaky)));

        var response = Json(await Create().HandleAsync(payload, FarDeadline, CancellationToken.None));

        Assert.Equal(["m-flaky"], response.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()));
        var (_, message) = Assert.Single(_publisher.Published);
        Assert.Contains("keep-alive-race", message.Body, StringComparison.Ordinal);
        Assert.Contains("truncated", message.Body, StringComparison.Ordinal);
        Assert.Contains("will be retried", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("flaky001", message.Body, StringComparison.Ordinal);
        var statuses = response.GetProperty("objects").EnumerateArray().ToDictionary(o => o.GetProperty("key").GetString()!, o => o.GetProperty("status").GetString());
        Assert.Equal("ok", statuses[good]);
        Assert.Equal("failed", statuses[corrupt]);
        Assert.Equal("skipped", statuses["AWSLogs/123456789012/ELBAccessLogTestFile"]);
        Assert.Equal("retry", statuses[flaky]);
        Assert.DoesNotContain("ELBAccessLogTestFile", _source.Opened);
        Assert.Contains("\"messageId\":\"m-flaky\",\"status\":\"retry\"", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_SqsPublishFailure_RetriesEveryMessageOfThatSummary()
    {
        string a = Key(rand: "aaaaaaaa"), b = Key(rand: "bbbbbbbb"), other = Key(lb: "other-alb", id: "0123456789abcdef");
        _source.Add(a, Gzip(Line("502 502")));
        _source.Add(b, Gzip(Line("502 -", times: "-1 -1 -1")));
        _source.Add(other, Gzip(Line()));
        _publisher.FailWith = new InvalidOperationException("SNS kept failing");

        var response = Json(await Create().HandleAsync(SqsEvent(("m-a", S3Body(a)), ("m-b", S3Body(b)), ("m-other", S3Body(other))), FarDeadline, CancellationToken.None));

        // other-alb had no 502: nothing to publish for it, so its message is done.
        Assert.Equal(["m-a", "m-b"], response.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()));
    }

    [Fact]
    public async Task HandleAsync_DirectEventWithAnUnreadableObject_FailsBeforePublishingAnything()
    {
        string good = Key(rand: "good0001"), denied = Key(rand: "denied01");
        _source.Add(good, Gzip(Line("502 502")));
        _source.Add(denied, () => throw new LogObjectException(Bucket, denied, LogObjectFailure.AccessDenied, "Access Denied", "AccessDenied"));

        var error = await Assert.ThrowsAsync<BatchNotCompletedException>(() => Create().HandleAsync(S3Event(good, denied), FarDeadline, CancellationToken.None));

        Assert.Contains("denied01", error.Message, StringComparison.Ordinal);
        Assert.Empty(_publisher.Published);
    }

    [Fact]
    public async Task HandleAsync_DryRun_AnswersPublishedFalseWithDryRun()
    {
        var key = Key();
        _source.Add(key, Gzip(Line("502 502")));
        var log = new FunctionLog(_log, _clock);

        var response = Json(await Create(new LoggedSummaryPublisher(log)).HandleAsync(S3Event(key), FarDeadline, CancellationToken.None));

        var summary = response.GetProperty("summaries")[0];
        Assert.False(summary.GetProperty("published").GetBoolean());
        Assert.True(summary.GetProperty("dryRun").GetBoolean());
        Assert.Contains("\"message\":\"dry-run-alert\"", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_SqsPublishFailure_AnswersTheErrorInItsSummary()
    {
        var key = Key();
        _source.Add(key, Gzip(Line("502 502")));
        _publisher.FailWith = new InvalidOperationException("SNS kept failing");

        var response = Json(await Create().HandleAsync(SqsEvent(("m-1", S3Body(key))), FarDeadline, CancellationToken.None));

        var summary = response.GetProperty("summaries")[0];
        Assert.False(summary.GetProperty("published").GetBoolean());
        Assert.Equal("SNS kept failing", summary.GetProperty("error").GetString());
        Assert.Equal("retry", response.GetProperty("objects")[0].GetProperty("status").GetString());
        Assert.Contains("\"message\":\"publish-failed\"", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_DeadlineReachedWhileReading_AnswersWithTheObjectRetried()
    {
        var key = Key();
        var stalling = new StallingStream(Gzip(Line("502 502")));
        _source.Add(key, () => new OpenedLogObject(stalling, "\"e\"", null));
        var deadline = _clock.GetUtcNow().AddSeconds(11); // 10 s margin: 1 s to read

        var handling = Create().HandleAsync(SqsEvent(("m-slow", S3Body(key))), deadline, CancellationToken.None);
        await stalling.Stalled.WaitAsync(TimeSpan.FromMinutes(1));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var response = Json(await handling.WaitAsync(TimeSpan.FromMinutes(1)));

        Assert.Equal("m-slow", response.GetProperty("batchItemFailures")[0].GetProperty("itemIdentifier").GetString());
        Assert.Contains("deadline", response.GetProperty("objects")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(_publisher.Published);
    }

    [Fact]
    public async Task HandleAsync_SqsBodyCutShort_IsDroppedAndLoggedWithTheKeyItStillNames()
    {
        string good = Key(rand: "good0001"), lost = Key(rand: "lostkey1");
        _source.Add(good, Gzip(Line("502 502")));
        var cut = S3Body(lost);
        cut = cut[..(cut.IndexOf("\"size\"", StringComparison.Ordinal) + 3)];

        var response = Json(await Create().HandleAsync(SqsEvent(("m-good", S3Body(good)), ("m-cut", cut)), FarDeadline, CancellationToken.None));

        // A retry would not change the body: not retried, and the log says which object it was about.
        Assert.Empty(response.GetProperty("batchItemFailures").EnumerateArray());
        var line = _log.ToString().Split('\n').Single(l => l.Contains("\"message\":\"skipped-message\"", StringComparison.Ordinal));
        Assert.Contains("\"messageId\":\"m-cut\"", line, StringComparison.Ordinal);
        Assert.Contains("lostkey1.log.gz", line, StringComparison.Ordinal);
        Assert.Single(_publisher.Published);
    }

    [Fact]
    public async Task HandleAsync_UnknownEvent_IsAFormatError()
    {
        await Assert.ThrowsAsync<FormatException>(() => Create().HandleAsync(Encoding.UTF8.GetBytes("""{"hello":"world"}"""), FarDeadline, CancellationToken.None));
    }

    public void Dispose() => _log.Dispose();

    [Fact]
    public void Settings_FromEnvironment_ReadsTheDocumentedVariables()
    {
        var env = new Dictionary<string, string>
        {
            ["ALERT_TOPIC_ARN"] = "arn:aws:sns:us-east-1:123456789012:alb-502.fifo",
            ["MIN_502_COUNT"] = "5",
            ["HTTPS_TARGET_GROUPS"] = "web, api ,arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/1",
            ["PUBLISHED_MARKERS"] = "s3://alb-logs/alb-log-lambda/published/",
            ["MAX_RECEIVE_COUNT"] = "5",
        };

        var settings = FunctionSettings.FromEnvironment(n => env.GetValueOrDefault(n));

        Assert.Equal(("arn:aws:sns:us-east-1:123456789012:alb-502.fifo", 5), (settings.AlertTopicArn, settings.Min502Count));
        Assert.Equal(["web", "api", "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/1"], settings.HttpsTargetGroups);
        Assert.Equal((new Uri("s3://alb-logs/alb-log-lambda/published/"), 5), (settings.PublishedMarkers, settings.MaxReceiveCount));
        Assert.Equal(5, settings.Batch.MaxReceiveCount);
        Assert.Equal(["ALERT_TOPIC_ARN", "MIN_502_COUNT", "HTTPS_TARGET_GROUPS", "PUBLISHED_MARKERS", "MAX_RECEIVE_COUNT", "REPORT_BUCKET", "REPORT_PREFIX", "REPORT_LINK_DAYS",
            "MAX_DECODED_BYTES", "MAX_CONSECUTIVE_NON_ENTRIES", "CONFIRM_WITH_AWS"],
            FunctionSettings.VariableNames);
        Assert.True(FunctionSettings.FromEnvironment(n => n == "CONFIRM_WITH_AWS" ? "true" : null).ConfirmWithAws);
        Assert.False(FunctionSettings.FromEnvironment(_ => null).ConfirmWithAws);
        Assert.Throws<FormatException>(() => FunctionSettings.FromEnvironment(n => n == "CONFIRM_WITH_AWS" ? "yes" : null));
        Assert.Throws<FormatException>(() => FunctionSettings.FromEnvironment(n => n == "REPORT_LINK_DAYS" ? "8" : null));
        Assert.Throws<FormatException>(() => FunctionSettings.FromEnvironment(n => n == "MAX_DECODED_BYTES" ? "-1" : null));
        Assert.Equal(1024, FunctionSettings.FromEnvironment(n => n == "MAX_DECODED_BYTES" ? "1024" : null).Batch.Analysis.MaxDecodedBytes);
        Assert.Equal(TimeSpan.FromDays(2), FunctionSettings.FromEnvironment(n => n == "REPORT_LINK_DAYS" ? "2" : null).ReportLinkLifetime);
        Assert.Throws<FormatException>(() => FunctionSettings.FromEnvironment(n => n == "PUBLISHED_MARKERS" ? "https://example.com/x" : null));
        Assert.Throws<FormatException>(() => FunctionSettings.FromEnvironment(n => n == "MAX_RECEIVE_COUNT" ? "0" : null));
        Assert.Null(FunctionSettings.FromEnvironment(_ => null).PublishedMarkers);
        Assert.Throws<FormatException>(() => FunctionSettings.FromEnvironment(n => n == "MIN_502_COUNT" ? "zero" : null));
        Assert.Null(FunctionSettings.FromEnvironment(_ => null).AlertTopicArn);
    }

    /// <summary>Serves all but its last byte, then blocks like a stalled connection until it is disposed.</summary>
    private sealed class StallingStream(byte[] content) : AlbLogLambda.Core.Reading.ReadOnlyStream
    {
        private readonly ManualResetEventSlim _disposed = new();
        private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _position;

        /// <summary>Completes when the reader has everything but the last byte and waits for it.</summary>
        public Task Stalled => _stalled.Task;

        public override int Read(Span<byte> buffer)
        {
            if (_position < content.Length - 1)
            {
                int n = Math.Min(buffer.Length, content.Length - 1 - _position);
                content.AsSpan(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }
            _stalled.TrySetResult();
            _disposed.Wait(TimeSpan.FromMinutes(1));
            throw new ObjectDisposedException(nameof(StallingStream));
        }

        protected override void Dispose(bool disposing)
        {
            _disposed.Set();
            base.Dispose(disposing);
        }
    }
}
