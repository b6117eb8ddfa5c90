using System.Text;
using System.Text.Json;
using AlbLogLambda.Core.Batch;
using AlbLogLambda.Events;

namespace AlbLogLambda.Tests.Events;

public sealed class LambdaEventParserTests
{
    private const string Bucket = "alb-access-logs-123456789012";
    private const string LogsPrefix = "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/";

    private static string LogKey(string endTime, string ip, string random) =>
        $"{LogsPrefix}123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_{endTime}_{ip}_{random}.log.gz";

    private static ParsedEvent ParseFixture(string name) => LambdaEventParser.Parse(Fixture.Bytes($"events/{name}"));

    private static ParsedEvent Parse(string json) => LambdaEventParser.Parse(Encoding.UTF8.GetBytes(json));

    private static string S3Notification(string eventName = "ObjectCreated:Put", string eventVersion = "2.1", string key = "k.log.gz") =>
        $$"""
        {"Records":[{"eventVersion":"{{eventVersion}}","eventSource":"aws:s3","awsRegion":"us-east-1","eventName":"{{eventName}}",
          "s3":{"s3SchemaVersion":"1.0","bucket":{"name":"{{Bucket}}"},"object":{"key":"{{key}}","size":10,"eTag":"\"abc\""} } }]}
        """;

    private static string SqsBatch(params (string Id, string Body)[] messages) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Records"] = messages.Select(m => new Dictionary<string, string>
            {
                ["messageId"] = m.Id,
                ["body"] = m.Body,
                ["eventSource"] = "aws:sqs",
                ["eventSourceARN"] = "arn:aws:sqs:us-east-1:123456789012:alb-log-objects",
            }).ToArray(),
        });

    [Fact]
    public void Parse_S3PutNotification_DecodesPlusAsSpaceAndPercentEscapesInTheKey()
    {
        var parsed = ParseFixture("s3-put.json");

        Assert.Equal(EventSourceKind.S3Notification, parsed.Kind);
        var message = Assert.Single(parsed.Messages);
        Assert.Null(message.Id);
        Assert.Null(message.SkipReason);
        Assert.Equal(
            new LogObjectRef(Bucket, "alb logs/env=prod/" + LogKey("20261124T1005Z", "10.0.1.23", "5h2k9x3a"), "0c5d8f1b2a9e47d3b6f0e1c2d3a4b5c6", 48213),
            Assert.Single(message.Objects));
    }

    [Fact]
    public void Parse_EventBridgeObjectCreated_TakesKeyEtagAndSizeAsGiven()
    {
        var parsed = ParseFixture("eventbridge-object-created.json");

        Assert.Equal(EventSourceKind.EventBridge, parsed.Kind);
        var message = Assert.Single(parsed.Messages);
        Assert.Null(message.SkipReason);
        Assert.Equal(
            new LogObjectRef(Bucket, LogKey("20261124T1010Z", "10.0.2.57", "1q8c7m2z"), "9b2cf535f27731c974343645a3985328", 51977, KeyMayBeUrlEncoded: true),
            Assert.Single(message.Objects));
    }

    [Fact]
    public void Parse_EventBridgeKeyWithEscapes_IsNotDecoded()
    {
        const string json = """
            {"version":"0","detail-type":"Object Created","source":"aws.s3","detail":{"bucket":{"name":"b"},
             "object":{"key":"alb+logs/env%3Dprod/x.log.gz","size":5,"etag":"e"}}}
            """;

        var logObject = Assert.Single(Assert.Single(Parse(json).Messages).Objects);
        Assert.Equal(("alb+logs/env%3Dprod/x.log.gz", true), (logObject.Key, logObject.KeyMayBeUrlEncoded));
    }

    [Fact]
    public void Parse_EventBridgeObjectDeleted_IsSkippedWithReason()
    {
        const string json = """
            {"version":"0","detail-type":"Object Deleted","source":"aws.s3","detail":{"bucket":{"name":"b"},"object":{"key":"k"}}}
            """;

        var message = Assert.Single(Parse(json).Messages);

        Assert.Empty(message.Objects);
        Assert.Contains("Object Deleted", message.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SqsBatch_OneMessagePerSqsMessageWithItsObjectsOrSkipReason()
    {
        var parsed = ParseFixture("sqs-batch.json");

        Assert.Equal(EventSourceKind.Sqs, parsed.Kind);
        Assert.Collection(
            parsed.Messages,
            direct =>
            {
                Assert.Equal("059f36b4-87a3-44ab-83d2-661975830a7d", direct.Id);
                Assert.Null(direct.SkipReason);
                Assert.Equal(
                    new LogObjectRef(Bucket, LogKey("20261124T1015Z", "10.0.1.23", "7d3kq0pa"), "6f1ed002ab5595859014ebf0951522d9", 50331),
                    Assert.Single(direct.Objects));
            },
            viaSns =>
            {
                Assert.Equal("2e1424d4-f796-459a-8184-9c92662be6da", viaSns.Id);
                Assert.Null(viaSns.SkipReason);
                Assert.Equal(
                    new LogObjectRef(Bucket, LogKey("20261124T1015Z", "10.0.2.57", "x2m9c4vb"), "c0ffee254729296a45a3885639ac7e10", 47720),
                    Assert.Single(viaSns.Objects));
            },
            testEvent =>
            {
                Assert.Equal("9b6c2c1e-5a1f-4d8e-b0a3-7c2d1e0f9a8b", testEvent.Id);
                Assert.Empty(testEvent.Objects);
                Assert.Contains("test event", testEvent.SkipReason, StringComparison.Ordinal);
            });
    }

    [Fact]
    public void Parse_S3TestEvent_HasNoObjectsAndASkipReason()
    {
        var parsed = ParseFixture("s3-test-event.json");

        Assert.Equal(EventSourceKind.TestEvent, parsed.Kind);
        var message = Assert.Single(parsed.Messages);
        Assert.Empty(message.Objects);
        Assert.Null(message.Id);
        Assert.Contains("S3 test event (Amazon S3)", message.SkipReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ObjectCreated:Put")]
    [InlineData("ObjectCreated:Post")]
    [InlineData("ObjectCreated:Copy")]
    [InlineData("ObjectCreated:CompleteMultipartUpload")]
    public void Parse_AnyObjectCreatedEvent_IsAccepted(string eventName) =>
        Assert.Single(Assert.Single(Parse(S3Notification(eventName)).Messages).Objects);

    [Theory]
    [InlineData("ObjectRemoved:Delete")]
    [InlineData("ObjectRestore:Completed")]
    [InlineData("LifecycleExpiration:Delete")]
    public void Parse_NonObjectCreatedRecord_IsSkippedWithReason(string eventName)
    {
        var message = Assert.Single(Parse(S3Notification(eventName)).Messages);

        Assert.Empty(message.Objects);
        Assert.Contains(eventName, message.SkipReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2.0")]
    [InlineData("2.1")]
    [InlineData("2.5")]
    [InlineData("2.12")]
    public void Parse_EventVersionMajor2_IsAccepted(string version) =>
        Assert.Single(Assert.Single(Parse(S3Notification(eventVersion: version)).Messages).Objects);

    [Theory]
    [InlineData("1.0")]
    [InlineData("3.0")]
    [InlineData("20.1")]
    [InlineData("")]
    public void Parse_OtherEventVersion_IsSkippedWithReason(string version)
    {
        var message = Assert.Single(Parse(S3Notification(eventVersion: version)).Messages);

        Assert.Empty(message.Objects);
        Assert.Contains("eventVersion", message.SkipReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("caf%C3%A9/x.log.gz", "café/x.log.gz")]
    [InlineData("a+b%2Bc.log.gz", "a b+c.log.gz")]
    [InlineData("prefix%2Fwith%2Fslashes/x.log.gz", "prefix/with/slashes/x.log.gz")]
    public void Parse_S3Key_IsFormDecoded(string encoded, string decoded) =>
        Assert.Equal(decoded, Assert.Single(Assert.Single(Parse(S3Notification(key: encoded)).Messages).Objects).Key);

    [Fact]
    public void Parse_SqsMessageWithUnparseableBody_SkipsOnlyThatMessage()
    {
        var json = SqsBatch(("bad-1", "{not json"), ("good-2", S3Notification()), ("empty-3", ""), ("other-4", """{"hello":"world"}"""));

        var parsed = Parse(json);

        Assert.Equal(EventSourceKind.Sqs, parsed.Kind);
        Assert.Equal(["bad-1", "good-2", "empty-3", "other-4"], parsed.Messages.Select(m => m.Id));
        Assert.Contains("not a JSON event document", parsed.Messages[0].SkipReason, StringComparison.Ordinal);
        Assert.Single(parsed.Messages[1].Objects);
        Assert.NotNull(parsed.Messages[2].SkipReason);
        Assert.NotNull(parsed.Messages[3].SkipReason);
        Assert.All(parsed.Messages.Where(m => m.SkipReason is not null), m => Assert.Empty(m.Objects));
    }

    [Fact]
    public void Parse_SqsBodyWithEventBridgeEvent_FindsTheObject()
    {
        var json = SqsBatch(("eb-1", Encoding.UTF8.GetString(Fixture.Bytes("events/eventbridge-object-created.json"))));

        var message = Assert.Single(Parse(json).Messages);

        Assert.Equal("eb-1", message.Id);
        Assert.Equal(LogKey("20261124T1010Z", "10.0.2.57", "1q8c7m2z"), Assert.Single(message.Objects).Key);
    }

    [Fact]
    public void Parse_SnsNotificationWhoseMessageIsNotJson_SkipsThatMessage()
    {
        var json = SqsBatch(("sns-1", """{"Type":"Notification","Message":"plain text alert"}"""));

        var message = Assert.Single(Parse(json).Messages);

        Assert.Empty(message.Objects);
        Assert.Contains("SNS notification", message.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SqsBodyWithMixedRecords_ListsOnlyTheCreatedObjects()
    {
        var body = S3Notification().Replace("} } }]}", "} } },{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectRemoved:Delete\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"gone\"}}}]}", StringComparison.Ordinal);

        var message = Assert.Single(Parse(SqsBatch(("mixed-1", body))).Messages);

        Assert.Equal("k.log.gz", Assert.Single(message.Objects).Key);
        Assert.Null(message.SkipReason);
    }

    [Theory]
    [InlineData("""{"hello":"world"}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""null""")]
    [InlineData("""not json""")]
    [InlineData("""{"Records":[]}""")]
    [InlineData("""{"Records":[{"eventSource":"aws:dynamodb"}]}""")]
    [InlineData("""{"Type":"Notification","Message":"{}"}""")]
    public void Parse_UnrecognizedEvent_ThrowsFormatException(string json)
    {
        var ex = Assert.Throws<FormatException>(() => Parse(json));

        Assert.Contains("invocation payload", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"3\"", 3)]
    [InlineData("\"0\"", null)]
    [InlineData("\"many\"", null)]
    public void Parse_SqsApproximateReceiveCount_IsTheMessagesReceiveCount(string value, int? expected)
    {
        var body = System.Text.Json.JsonSerializer.Serialize(Encoding.UTF8.GetString(Fixture.Bytes("events/s3-put.json")), JsonStrings.Default.String);
        var json = $$"""{"Records":[{"messageId":"m-1","body":{{body}},"attributes":{"ApproximateReceiveCount":{{value}}},"eventSource":"aws:sqs"}]}""";

        Assert.Equal(expected, Assert.Single(Parse(json).Messages).ReceiveCount);
    }

    [Fact]
    public void Parse_SqsBodyCutShort_IsSkippedWithTheKeysItStillNames()
    {
        var full = Encoding.UTF8.GetString(Fixture.Bytes("events/s3-put.json"));
        var body = full[..(full.IndexOf("\"size\"", StringComparison.Ordinal) + 3)];
        var json = $$"""{"Records":[{"messageId":"m-cut","body":{{System.Text.Json.JsonSerializer.Serialize(body, JsonStrings.Default.String)}},"eventSource":"aws:sqs"}]}""";

        var message = Assert.Single(Parse(json).Messages);

        Assert.Empty(message.Objects);
        Assert.StartsWith("SQS message body is not a JSON event document: ", message.SkipReason, StringComparison.Ordinal);
        Assert.EndsWith("; it names key alb+logs/env%3Dprod/AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261124T1005Z_10.0.1.23_5h2k9x3a.log.gz", message.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void NamedKeys_DocumentWithoutKeys_AddsNothing()
    {
        Assert.Equal("", LambdaEventParser.NamedKeys("{\"Records\":[{\"s3\":"));
    }

    [Fact]
    public void Parse_SqsFixture_CarriesTheReceiveCountOfEveryMessage()
    {
        Assert.All(ParseFixture("sqs-batch.json").Messages, m => Assert.Equal(1, m.ReceiveCount));
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class JsonStrings : System.Text.Json.Serialization.JsonSerializerContext;
