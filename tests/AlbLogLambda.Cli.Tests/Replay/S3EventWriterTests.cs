using System.Net;
using System.Text.Json;
using AlbLogLambda.Cli.Replay;
using AlbLogLambda.Core.ObjectKeys;
using CsCheck;

namespace AlbLogLambda.Cli.Tests.Replay;

public sealed class S3EventWriterTests
{
    [Theory]
    [InlineData("AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/a_b.c-d.log.gz", "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/a_b.c-d.log.gz")]
    [InlineData("red flower.jpg", "red+flower.jpg")]
    [InlineData("alb logs/env=prod/", "alb+logs/env%3Dprod/")]
    [InlineData("a+b", "a%2Bb")]
    [InlineData("50%/x", "50%25/x")]
    [InlineData("10:47:07", "10%3A47%3A07")]
    [InlineData("(copy)~!", "%28copy%29%7E%21")]
    [InlineData("a*b", "a*b")]
    [InlineData("café/ü", "caf%C3%A9/%C3%BC")]
    public void EncodeKey_Key_IsEncodedAsS3NotificationsDo(string key, string expected)
    {
        Assert.Equal(expected, S3EventWriter.EncodeKey(key));
    }

    [Fact]
    public void EncodeKey_AnyKey_DecodesBackWithFormDecoding()
    {
        // What the function does with a notification key (WebUtility.UrlDecode) undoes the encoding for every key.
        Gen.String[Gen.Char.Where(c => !char.IsSurrogate(c)), 0, 60].Sample(key =>
            Assert.Equal(key, WebUtility.UrlDecode(S3EventWriter.EncodeKey(key))));
    }

    [Fact]
    public void Notification_Objects_OneS3RecordEachWithEncodedKeySizeAndETag()
    {
        const string Key = "alb logs/AWSLogs/123456789012/elasticloadbalancing/eu-west-1/2026/11/24/"
            + "123456789012_elasticloadbalancing_eu-west-1_app.my-alb.50dc6c495c0c9188_20261124T1005Z_10.0.1.23_5h2k9x3a.log.gz";
        Assert.True(AlbLogObjectKey.TryParse(Key, out var parsed));
        var listed = new ListedObject("my-logs", Key, 48_213, "0c5d8f1b", new DateTimeOffset(2026, 11, 24, 10, 5, 31, 412, TimeSpan.Zero), parsed);

        using var document = JsonDocument.Parse(S3EventWriter.Notification([listed, listed with { Size = 1 }]));

        var records = document.RootElement.GetProperty("Records").EnumerateArray().ToList();
        Assert.Equal(2, records.Count);
        var record = records[0];
        Assert.Equal("2.1", record.GetProperty("eventVersion").GetString());
        Assert.Equal("aws:s3", record.GetProperty("eventSource").GetString());
        Assert.Equal("ObjectCreated:Put", record.GetProperty("eventName").GetString());
        Assert.Equal("eu-west-1", record.GetProperty("awsRegion").GetString());
        Assert.Equal("2026-11-24T10:05:31.412Z", record.GetProperty("eventTime").GetString());
        var s3 = record.GetProperty("s3");
        Assert.Equal("my-logs", s3.GetProperty("bucket").GetProperty("name").GetString());
        Assert.Equal("arn:aws:s3:::my-logs", s3.GetProperty("bucket").GetProperty("arn").GetString());
        Assert.Equal(S3EventWriter.EncodeKey(Key), s3.GetProperty("object").GetProperty("key").GetString());
        Assert.Equal(48_213, s3.GetProperty("object").GetProperty("size").GetInt64());
        Assert.Equal("0c5d8f1b", s3.GetProperty("object").GetProperty("eTag").GetString());
        Assert.Equal(1, records[1].GetProperty("s3").GetProperty("object").GetProperty("size").GetInt64());
    }
}
