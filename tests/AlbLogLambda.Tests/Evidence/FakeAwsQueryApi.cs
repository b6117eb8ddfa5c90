using System.Globalization;
using AlbLogLambda.TestSupport;

namespace AlbLogLambda.Tests.Evidence;

/// <summary>
/// Answers CloudWatch and ELBv2 query-API requests on a <see cref="RecordingHttpServer"/> with documents of the
/// services' published shapes, by the request's Action; a test may take over any action with <see cref="Override"/>.
/// </summary>
internal sealed class FakeAwsQueryApi
{
    public const string LoadBalancerId = "app/my-alb/50dc6c495c0c9188";
    public const string HttpGroup = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/943f017f100becff";
    public const string LambdaGroup = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/fn/0a1b2c3d4e5f6a7b";
    public const string FunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:checkout:live";

    private readonly Dictionary<string, Func<IReadOnlyDictionary<string, string>, ScriptedResponse?>> _overrides = new(StringComparer.Ordinal);

    /// <summary>Values GetMetricData returns per (metric name, first dimension value) as data points.</summary>
    public Dictionary<(string Metric, string Dimension), double[]> DataPoints { get; } = [];

    /// <summary>Answers <paramref name="action"/> with what <paramref name="answer"/> returns (null: the default answer).</summary>
    public void Override(string action, Func<IReadOnlyDictionary<string, string>, ScriptedResponse?> answer) => _overrides[action] = answer;

    public static Dictionary<string, string> Form(RecordedRequest request) =>
        request.BodyText.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1]), StringComparer.Ordinal);

    public Task<ScriptedResponse> RespondAsync(RecordedRequest request, CancellationToken cancellationToken)
    {
        var form = Form(request);
        var action = form.GetValueOrDefault("Action", "");
        if (_overrides.TryGetValue(action, out var answer) && answer(form) is { } scripted)
        {
            return Task.FromResult(scripted);
        }

        return Task.FromResult(action switch
        {
            "GetMetricData" => new ScriptedResponse(200, MetricData(form)),
            "DescribeTargetGroups" => new ScriptedResponse(200, TargetGroups(form["TargetGroupArns.member.1"])),
            "DescribeTargetGroupAttributes" => new ScriptedResponse(200, Attributes(
                action, form["TargetGroupArn"] == LambdaGroup ? ("lambda.multi_value_headers.enabled", "false") : ("deregistration_delay.timeout_seconds", "300"))),
            "DescribeLoadBalancerAttributes" => new ScriptedResponse(200, Attributes(action, ("idle_timeout.timeout_seconds", "60"))),
            "DescribeTargetHealth" => new ScriptedResponse(200, TargetHealth()),
            _ => new ScriptedResponse(400, Error("InvalidAction", $"no action {action}")),
        });
    }

    public static string Error(string code, string message) =>
        $"<ErrorResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>";

    private string MetricData(Dictionary<string, string> form)
    {
        var members = new System.Text.StringBuilder();
        for (var i = 1; form.TryGetValue($"MetricDataQueries.member.{i}.Id", out var id); i++)
        {
            var metric = form[$"MetricDataQueries.member.{i}.MetricStat.Metric.MetricName"];
            var dimension = form[$"MetricDataQueries.member.{i}.MetricStat.Metric.Dimensions.member.1.Value"];
            var values = DataPoints.GetValueOrDefault((metric, dimension), []);
            members.Append(CultureInfo.InvariantCulture, $"<member><Id>{id}</Id><Label>{metric}</Label><Timestamps>")
                .AppendJoin("", values.Select(_ => "<member>2026-12-07T10:00:00Z</member>"))
                .Append("</Timestamps><Values>")
                .AppendJoin("", values.Select(v => string.Create(CultureInfo.InvariantCulture, $"<member>{v}</member>")))
                .Append("</Values><StatusCode>Complete</StatusCode></member>");
        }

        return "<GetMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><GetMetricDataResult><MetricDataResults>"
            + members + "</MetricDataResults><Messages/></GetMetricDataResult><ResponseMetadata><RequestId>r-2</RequestId></ResponseMetadata></GetMetricDataResponse>";
    }

    private static string TargetGroups(string arn)
    {
        var lambda = arn == LambdaGroup;
        var body = lambda
            ? $"<TargetGroupArn>{arn}</TargetGroupArn><TargetGroupName>fn</TargetGroupName><HealthCheckEnabled>false</HealthCheckEnabled><TargetType>lambda</TargetType>"
            : $"<TargetGroupArn>{arn}</TargetGroupArn><TargetGroupName>web</TargetGroupName><Protocol>HTTP</Protocol><Port>80</Port><VpcId>vpc-3ac0fb5f</VpcId><TargetType>instance</TargetType>";
        return "<DescribeTargetGroupsResponse xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\"><DescribeTargetGroupsResult><TargetGroups><member>"
            + body + "</member></TargetGroups></DescribeTargetGroupsResult><ResponseMetadata><RequestId>r-3</RequestId></ResponseMetadata></DescribeTargetGroupsResponse>";
    }

    private static string Attributes(string action, (string Key, string Value) attribute) =>
        $"<{action}Response xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\"><{action}Result><Attributes>"
        + $"<member><Key>stickiness.enabled</Key><Value>false</Value></member><member><Key>{attribute.Key}</Key><Value>{attribute.Value}</Value></member>"
        + $"</Attributes></{action}Result><ResponseMetadata><RequestId>r-4</RequestId></ResponseMetadata></{action}Response>";

    private static string TargetHealth() =>
        "<DescribeTargetHealthResponse xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\"><DescribeTargetHealthResult><TargetHealthDescriptions>"
        + $"<member><Target><Id>{FunctionArn}</Id></Target><TargetHealth><State>healthy</State></TargetHealth></member>"
        + "</TargetHealthDescriptions></DescribeTargetHealthResult><ResponseMetadata><RequestId>r-5</RequestId></ResponseMetadata></DescribeTargetHealthResponse>";
}
