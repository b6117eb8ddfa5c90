using System.Text;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Classification;
using AlbLogLambda.Core.Parsing;

namespace AlbLogLambda.Core.Tests.Parsing;

/// <summary>
/// The example entries AWS publishes, verbatim (tests/Fixtures/logs/aws-docs): every example of the access-log page
/// (HTTP, HTTPS, HTTP/2, WebSockets, secured WebSockets, Lambda success and failure; the page prints them over
/// several lines "only to make them easier to read", joined here with single spaces) and the Knowledge Center's
/// keep-alive example, quoted as the article prints it: cut after trace_id. Each line in, every field out, as vrl's
/// parse_aws_alb_log tests do; the expected values are written from the documentation, not from the parser.
/// </summary>
public class AwsDocumentationGoldenTests
{
    private static string[] DocLines(string file) =>
        File.ReadAllLines(TestLines.FixturePath("logs", "aws-docs", file)).Where(l => l.Length > 0).ToArray();

    private const string TargetGroup = "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067";

    /// <summary>Expected fields 1 to 29 of each access-log page example, in AWS's order.</summary>
    public static TheoryData<int, string[]> AccessLogPageExamples => new()
    {
        {
            0, ["http", "2018-07-02T22:23:00.186641Z", "app/my-loadbalancer/50dc6c495c0c9188", "192.168.131.39:2817", "10.0.0.1:80",
                "0.000", "0.001", "0.000", "200", "200", "34", "366", "GET http://www.example.com:80/ HTTP/1.1", "curl/7.46.0", "-", "-",
                TargetGroup, "Root=1-58337262-36d228ad5d99923122bbe354", "-", "-", "0", "2018-07-02T22:22:48.364000Z", "forward", "-", "-",
                "10.0.0.1:80", "200", "-", "-"]
        },
        {
            1, ["https", "2018-07-02T22:23:00.186641Z", "app/my-loadbalancer/50dc6c495c0c9188", "192.168.131.39:2817", "10.0.0.1:80",
                "0.086", "0.048", "0.037", "200", "200", "0", "57", "GET https://www.example.com:443/ HTTP/1.1", "curl/7.46.0",
                "ECDHE-RSA-AES128-GCM-SHA256", "TLSv1.2", TargetGroup, "Root=1-58337281-1d84f3d73c47ec4e58577259", "www.example.com",
                "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012", "1", "2018-07-02T22:22:48.364000Z",
                "authenticate,forward", "-", "-", "10.0.0.1:80", "200", "-", "-"]
        },
        {
            2, ["h2", "2018-07-02T22:23:00.186641Z", "app/my-loadbalancer/50dc6c495c0c9188", "10.0.1.252:48160", "10.0.0.66:9000",
                "0.000", "0.002", "0.000", "200", "200", "5", "257", "GET https://10.0.2.105:773/ HTTP/2.0", "curl/7.46.0",
                "ECDHE-RSA-AES128-GCM-SHA256", "TLSv1.2", TargetGroup, "Root=1-58337327-72bd00b0343d75b906739c42", "-", "-", "1",
                "2018-07-02T22:22:48.364000Z", "redirect", "https://example.com:80/", "-", "10.0.0.66:9000", "200", "-", "-"]
        },
        {
            3, ["ws", "2018-07-02T22:23:00.186641Z", "app/my-loadbalancer/50dc6c495c0c9188", "10.0.0.140:40914", "10.0.1.192:8010",
                "0.001", "0.003", "0.000", "101", "101", "218", "587", "GET http://10.0.0.30:80/ HTTP/1.1", "-", "-", "-", TargetGroup,
                "Root=1-58337364-23a8c76965a2ef7629b185e3", "-", "-", "1", "2018-07-02T22:22:48.364000Z", "forward", "-", "-",
                "10.0.1.192:8010", "101", "-", "-"]
        },
        {
            4, ["wss", "2018-07-02T22:23:00.186641Z", "app/my-loadbalancer/50dc6c495c0c9188", "10.0.0.140:44244", "10.0.0.171:8010",
                "0.000", "0.001", "0.000", "101", "101", "218", "786", "GET https://10.0.0.30:443/ HTTP/1.1", "-",
                "ECDHE-RSA-AES128-GCM-SHA256", "TLSv1.2",
                "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067",
                "Root=1-58337364-23a8c76965a2ef7629b185e3", "-", "-", "1", "2018-07-02T22:22:48.364000Z", "forward", "-", "-",
                "10.0.0.171:8010", "101", "-", "-"]
        },
        {
            5, ["http", "2018-11-30T22:23:00.186641Z", "app/my-loadbalancer/50dc6c495c0c9188", "192.168.131.39:2817", "-",
                "0.000", "0.001", "0.000", "200", "200", "34", "366", "GET http://www.example.com:80/ HTTP/1.1", "curl/7.46.0", "-", "-",
                TargetGroup, "Root=1-58337364-23a8c76965a2ef7629b185e3", "-", "-", "0", "2018-11-30T22:22:48.364000Z", "forward", "-", "-",
                "-", "-", "-", "-"]
        },
        {
            6, ["http", "2018-11-30T22:23:00.186641Z", "app/my-loadbalancer/50dc6c495c0c9188", "192.168.131.39:2817", "-",
                "0.000", "0.001", "0.000", "502", "-", "34", "366", "GET http://www.example.com:80/ HTTP/1.1", "curl/7.46.0", "-", "-",
                TargetGroup, "Root=1-58337364-23a8c76965a2ef7629b185e3", "-", "-", "0", "2018-11-30T22:22:48.364000Z", "forward", "-",
                "LambdaInvalidResponse", "-", "-", "-", "-"]
        },
    };

    [Theory]
    [MemberData(nameof(AccessLogPageExamples))]
    public void Parse_AccessLogPageExample_GivesEveryDocumentedField(int index, string[] expected)
    {
        var line = DocLines("access-log-page-examples.log")[index];

        Assert.Equal(LineVerdict.Entry, AlbLogParser.Parse(Encoding.UTF8.GetBytes(line), out var record, out var problem));
        Assert.Equal(LineProblem.None, problem);
        Assert.Equal(29, record.FieldCount);
        Assert.Equal(0, record.ExtraFieldCount);
        foreach (var field in RecordFields.All)
        {
            string want = (int)field < expected.Length ? expected[(int)field] : "-"; // fields 30-33 came after this page
            Assert.True(want == RecordFields.Text(record, field), $"{field.Describe()}: '{RecordFields.Text(record, field)}', want '{want}'");
        }
    }

    [Fact]
    public void Parse_AccessLogPage_HasSevenExamples()
    {
        Assert.Equal(7, DocLines("access-log-page-examples.log").Length);
        Assert.Equal(7, AccessLogPageExamples.Count);
    }

    [Fact]
    public void Classify_LambdaFailureExample_IsLambdaInvalidResponseFromTheLoadBalancer()
    {
        var report = Analyze(DocLines("access-log-page-examples.log")[6]);

        var cause = Assert.Single(report.Causes);
        Assert.Equal(("lambda-invalid-response", "load-balancer", Confidence.High, 1L), (cause.Info.Id, CauseCatalog.Id(cause.Info.Origin), cause.Info.Confidence, cause.Count));
        Assert.Equal([new CodeCount("LambdaInvalidResponse", 1)], cause.EvidenceCodes);
        var detail = Assert.Single(cause.CodeDetails);
        Assert.Equal("LambdaUserError", detail.Info.Metric);
        Assert.Empty(cause.Hypotheses);
        Assert.Null(cause.Spread); // a Lambda target has no ip:port
    }

    [Fact]
    public void Parse_KnowledgeCenterKeepAliveExample_IsAnEntryCutAfterTraceId()
    {
        var line = Assert.Single(DocLines("knowledge-center-keep-alive.log"));
        string[] expected = ["http", "2022-04-15T16:52:50.757968Z", "app/my-loadbalancer/50dc6c495c0c9188", "192.168.131.39:2817",
            "10.0.0.1:80", "0.001", "4.205", "-1", "502", "-", "94", "326", "GET http://example.com:80 HTTP/1.1", "curl/7.51.0", "-", "-",
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/my-targets/73e2d6bc24d8a067", "Root=1-58337262-36d228ad5d99923122bbe354"];

        Assert.Equal(LineVerdict.Entry, AlbLogParser.Parse(Encoding.UTF8.GetBytes(line), out var record, out _));
        Assert.Equal(18, record.FieldCount);
        foreach (var field in RecordFields.All)
        {
            string want = (int)field < expected.Length ? expected[(int)field] : "-";
            Assert.True(want == RecordFields.Text(record, field), $"{field.Describe()}: '{RecordFields.Text(record, field)}', want '{want}'");
        }
    }

    /// <summary>The Knowledge Center's own keep-alive example: the keep-alive race, medium, with the alternative named.</summary>
    [Fact]
    public void Classify_KnowledgeCenterKeepAliveExample_IsKeepAliveRaceMediumWithTargetCrashAsTheAlternative()
    {
        var report = Analyze(Assert.Single(DocLines("knowledge-center-keep-alive.log")));

        var cause = Assert.Single(report.Causes);
        Assert.Equal(("target-closed-connection", "load-balancer", 1L), (cause.Info.Id, CauseCatalog.Id(cause.Info.Origin), cause.Count));
        var hypothesis = Assert.Single(cause.Hypotheses);
        Assert.Equal(("keep-alive-race", Confidence.Medium, Hypothesis.TargetCrash, 1L),
            (hypothesis.Info.Id, hypothesis.Confidence, hypothesis.Alternative, hypothesis.Count));
        Assert.Equal([new CodeCount("-", 1)], cause.EvidenceCodes);
        Assert.Equal(new Spread(1, 1), cause.Spread);
        Assert.Equal(4.205, cause.TargetProcessingTime!.Max);
    }

    /// <summary>
    /// The Knowledge Center's TCP RST case: "the request_processing_time, target_processing_time, and
    /// response_processing_time fields ... are each set to -1". Its example line is the keep-alive one with the three
    /// times -1 (the article's own RST line could not be retrieved verbatim); a reset answers within milliseconds.
    /// </summary>
    [Fact]
    public void Classify_KnowledgeCenterTcpRstShape_IsTargetConnectionFailed()
    {
        var line = Assert.Single(DocLines("knowledge-center-keep-alive.log")).Replace(" 0.001 4.205 -1 ", " -1 -1 -1 ", StringComparison.Ordinal);

        var cause = Assert.Single(Analyze(line).Causes);

        Assert.Equal(("target-connection-failed", Confidence.Medium), (cause.Info.Id, cause.Info.Confidence));
        Assert.Equal("target-down", Assert.Single(cause.Hypotheses).Info.Id);
    }

    private static AnalysisReport Analyze(string line)
    {
        using var session = new AnalysisSession();
        session.Analyze("doc.log", new MemoryStream(Encoding.UTF8.GetBytes(line + "\n")));
        return session.BuildReport();
    }
}
