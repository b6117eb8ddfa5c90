using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using AlbLogLambda.TestSupport;

namespace AlbLogLambda.Cli.Tests;

/// <summary>
/// <c>alblog analyze --confirm</c> against moto server, a real AWS emulator: a load balancer with an HTTPS target
/// group, CloudWatch data for the window, and an access log of that load balancer written at run time. Then the
/// same command with AWS unreachable, refused, or not enough to go on.
/// </summary>
[Collection(ProcessEnvironmentDefinition.Name)]
[Trait("Category", "Integration")]
public sealed class ConfirmOptionTests : IAsyncLifetime
{
    private const string Region = "eu-west-1";
    private const int IdleTimeout = 75;

    /// <summary>The world, built with boto3: VPC, subnets, load balancer, an HTTPS target group, metric data. Prints its ids.</summary>
    private const string WorldScript = """
        import json, sys, datetime, boto3
        endpoint, region, idle, start = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
        def client(service):
            return boto3.client(service, endpoint_url=endpoint, region_name=region, aws_access_key_id="test", aws_secret_access_key="test")
        ec2, elb, cw = client("ec2"), client("elbv2"), client("cloudwatch")
        vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=c, AvailabilityZone=region + z)["Subnet"]["SubnetId"] for c, z in (("10.0.1.0/24", "a"), ("10.0.2.0/24", "b"))]
        lb = elb.create_load_balancer(Name="shop-alb", Subnets=subnets, Type="application")["LoadBalancers"][0]["LoadBalancerArn"]
        elb.modify_load_balancer_attributes(LoadBalancerArn=lb, Attributes=[{"Key": "idle_timeout.timeout_seconds", "Value": idle}])
        tg = elb.create_target_group(Name="shop-https", Protocol="HTTPS", Port=443, VpcId=vpc, TargetType="ip")["TargetGroups"][0]["TargetGroupArn"]
        lb_id = lb.split(":loadbalancer/")[1]
        tg_id = tg.split(":")[-1]
        at = datetime.datetime.fromisoformat(start.replace("Z", "+00:00")) + datetime.timedelta(seconds=20)
        def put(name, value, dims, minute):
            cw.put_metric_data(Namespace="AWS/ApplicationELB", MetricData=[{"MetricName": name, "Value": value, "Unit": "Count",
                "Timestamp": at + datetime.timedelta(minutes=minute), "Dimensions": [{"Name": k, "Value": v} for k, v in dims]}])
        put("HTTPCode_ELB_502_Count", 5, [("LoadBalancer", lb_id)], 0)
        put("HTTPCode_ELB_502_Count", 1, [("LoadBalancer", lb_id)], 1)
        put("TargetTLSNegotiationErrorCount", 6, [("LoadBalancer", lb_id)], 0)
        put("TargetTLSNegotiationErrorCount", 6, [("TargetGroup", tg_id), ("LoadBalancer", lb_id)], 0)
        print(json.dumps({"loadBalancer": lb_id, "targetGroup": tg}))
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"alblog-confirm-{Guid.NewGuid():N}");
    private MotoServer? _moto;
    private string _loadBalancer = "";
    private string _targetGroup = "";

    /// <summary>Half an hour ago, on the minute: one-minute data points exist for it.</summary>
    private readonly DateTimeOffset _start = new(DateTimeOffset.UtcNow.AddMinutes(-30).UtcTicks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);

    private MotoServer Moto => _moto ?? throw new InvalidOperationException("moto is not started");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _moto = await MotoServer.StartAsync();
        var script = Path.Combine(_folder, "world.py");
        await File.WriteAllTextAsync(script, WorldScript);
        var world = await PythonProcess.RunAsync(
            [script, Moto.Endpoint.AbsoluteUri, Region, IdleTimeout.ToString(CultureInfo.InvariantCulture), _start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)],
            TimeSpan.FromMinutes(2));
        Assert.True(world.ExitCode == 0, $"the world script failed: {world.Error}\nmoto: {Moto.Output}");
        using var ids = JsonDocument.Parse(world.Output);
        _loadBalancer = ids.RootElement.GetProperty("loadBalancer").GetString()!;
        _targetGroup = ids.RootElement.GetProperty("targetGroup").GetString()!;
    }

    public async Task DisposeAsync()
    {
        if (_moto is not null) await _moto.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>An ALB log object of the world's load balancer, named as ELB names it: six connection failures and one good request.</summary>
    private string WriteLog(string? loadBalancer = null, string? targetGroup = null, string? name = null)
    {
        loadBalancer ??= _loadBalancer;
        targetGroup ??= _targetGroup;
        var lines = new StringBuilder();
        for (int i = 0; i <= 6; i++)
        {
            var time = _start.AddSeconds(10 + (i * 9)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
            var (times, status) = i == 0 ? ("0.001 0.012 0.000", "200 200") : ("-1 -1 -1", "502 -");
            lines.Append(CultureInfo.InvariantCulture,
                $"https {time} {loadBalancer} 198.51.100.7:51234 10.0.1.12:443 {times} {status} 120 560 \"GET https://shop.example.com:443/cart?token=SECRET HTTP/1.1\" \"curl/8.4.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 {targetGroup} ")
                .Append(CultureInfo.InvariantCulture, $"\"Root=1-6743ad20-0a1b2c3d4e5f60718293a4b5\" \"shop.example.com\" \"-\" 0 {time} \"forward\" \"-\" \"-\" \"10.0.1.12:443\" \"{status.Split(' ')[1]}\" \"-\" \"-\" TID_1\n");
        }
        var parts = loadBalancer.Split('/');
        name ??= $"123456789012_elasticloadbalancing_{Region}_app.{parts[1]}.{parts[2]}_{_start.UtcDateTime:yyyyMMdd'T'HHmm'Z'}_10.0.1.5_abcdefgh.log.gz";
        var path = Path.Combine(_folder, name);
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Optimal)) gzip.Write(Encoding.UTF8.GetBytes(lines.ToString()));
        return path;
    }

    private static EnvironmentScope AwsAt(Uri endpoint, string? region = Region) => new(
        ("AWS_ENDPOINT_URL", endpoint.AbsoluteUri),
        ("AWS_ENDPOINT_URL_CLOUDWATCH", null),
        ("AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2", null),
        ("AWS_ACCESS_KEY_ID", "test"),
        ("AWS_SECRET_ACCESS_KEY", "test"),
        ("AWS_SESSION_TOKEN", null),
        ("AWS_REGION", region),
        ("AWS_DEFAULT_REGION", null));

    [Fact]
    public void Confirm_HttpsTargetGroupWithTlsFailures_ConfirmsFromCloudWatchAndRaisesTlsHandshake()
    {
        var log = WriteLog();
        using var aws = AwsAt(Moto.Endpoint);

        var result = CliRunner.Run(["analyze", log, "--confirm", "--color", "never"]);

        Assert.True(result.ExitCode == 0, result.Error + result.Out);
        Assert.Contains($"Confirmed by CloudWatch (AWS/ApplicationELB, {_loadBalancer}, ", result.Out, StringComparison.Ordinal);
        // TargetConnectionErrorCount has no data points (zero) while TLS negotiations failed: the log's reading is contradicted, and TLS raised.
        Assert.Contains("  target-connection-failed: contradicted: TargetConnectionErrorCount 0 but TargetTLSNegotiationErrorCount 6 (points to tls-handshake)", result.Out, StringComparison.Ordinal);
        Assert.Contains("    tls-handshake, high confidence: target group shop-https speaks HTTPS to its targets and TargetTLSNegotiationErrorCount is 6", result.Out, StringComparison.Ordinal);
        Assert.Contains("  Coverage: the logs hold 6 of the 6 load-balancer 502s that CloudWatch counted (HTTPCode_ELB_502_Count)", result.Out, StringComparison.Ordinal);
        Assert.Contains("   Hypothesis tls-handshake: 6 (confidence high)", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Confirm_Json_CarriesTheVerdictPerCauseAndTheCoverage()
    {
        var log = WriteLog();
        using var aws = AwsAt(Moto.Endpoint, region: null);

        // No AWS_REGION: the region comes from the object's name.
        var result = CliRunner.Run(["analyze", log, "--confirm", "--format", "json"]);

        Assert.True(result.ExitCode == 0, result.Error + result.Out);
        using var json = JsonDocument.Parse(result.Out);
        var cause = json.RootElement.GetProperty("causes")[0];
        Assert.Equal("target-connection-failed", cause.GetProperty("id").GetString());
        Assert.Equal("contradicted", cause.GetProperty("confirmation").GetProperty("verdict").GetString());
        Assert.Equal("tls-handshake", cause.GetProperty("confirmation").GetProperty("findings")[0].GetProperty("hypothesis").GetString());
        var coverage = json.RootElement.GetProperty("coverage");
        Assert.Equal(_loadBalancer, coverage.GetProperty("loadBalancer").GetString());
        Assert.Equal(6, coverage.GetProperty("loadBalancer502").GetProperty("counted").GetDouble());
        Assert.Equal("consistent", coverage.GetProperty("loadBalancer502").GetProperty("finding").GetString());
        Assert.False(coverage.GetProperty("topCauseConfirmed").GetBoolean());
        SchemaTests.AssertValid(SchemaTests.ReportSchema, System.Text.Json.Nodes.JsonNode.Parse(result.Out)!);
    }

    [Fact]
    public void Confirm_HtmlReport_ShowsTheVerdictsUnderTheCausesAndTheCoverage()
    {
        var log = WriteLog();
        var page = Path.Combine(_folder, "report.html");
        using var aws = AwsAt(Moto.Endpoint);

        var result = CliRunner.Run(["analyze", log, "--confirm", "--format", "html", "--out", page]);

        Assert.True(result.ExitCode == 0, result.Error);
        var html = File.ReadAllText(page);
        Assert.Contains("<section id=\"coverage\">", html, StringComparison.Ordinal);
        Assert.Contains("the logs hold 6 of the 6 load-balancer 502s that CloudWatch counted", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"note\">CloudWatch: contradicted: TargetConnectionErrorCount 0 but TargetTLSNegotiationErrorCount 6", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"note\">tls-handshake, high confidence: target group shop-https", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Confirm_EndpointThatNeverAnswers_ReportsUnavailableWithinTheBudget()
    {
        var log = WriteLog();
        using var silent = new SilentTcpServer();
        using var aws = AwsAt(silent.Endpoint);

        var result = CliRunner.Run(["analyze", log, "--confirm", "--color", "never"]);

        // Evidence never fails a run: the report is printed, the verdict says why it is missing.
        Assert.True(result.ExitCode == 0, result.Error + result.Out);
        Assert.Contains("  target-connection-failed: unavailable (timeout)", result.Out, StringComparison.Ordinal);
        Assert.Contains("Causes, most frequent first", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Confirm_WithoutConfirm_AsksNothingOfAws()
    {
        var log = WriteLog();
        using var silent = new SilentTcpServer();
        using var aws = AwsAt(silent.Endpoint);

        var result = CliRunner.Run(["analyze", log, "--color", "never"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, silent.Connections);
        Assert.DoesNotContain("Confirmed by CloudWatch", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Confirm_TwoLoadBalancers_SaysToAnalyzeOneAtATimeAndStillPrintsTheReport()
    {
        var first = WriteLog();
        var second = WriteLog(loadBalancer: "app/other-alb/0123456789abcdef");
        using var aws = AwsAt(Moto.Endpoint);

        var result = CliRunner.Run(["analyze", first, second, "--confirm", "--color", "never"]);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("alblog: --confirm: these logs hold 2 load balancers (", line, StringComparison.Ordinal);
        Assert.EndsWith("analyze one load balancer's files at a time", line, StringComparison.Ordinal);
        Assert.Contains("HTTP 502 triage: 12 errors", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Confirm_NoRegionAnywhere_OneLineAskingForRegion()
    {
        // Not an ALB object name, no target group, no AWS_REGION.
        var log = WriteLog(targetGroup: "-", name: "incident.log.gz");
        using var aws = AwsAt(Moto.Endpoint, region: null);

        var result = CliRunner.Run(["analyze", log, "--confirm", "--color", "never"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "alblog: --confirm needs the load balancer's region: the file names, AWS_REGION and the target group ARNs name none; pass --region REGION",
            result.Error.Trim());

        var withRegion = CliRunner.Run(["analyze", log, "--confirm", "--region", Region, "--color", "never"]);
        Assert.True(withRegion.ExitCode == 0, withRegion.Error);
        Assert.Contains("Coverage: the logs hold 6 of the 6 load-balancer 502s", withRegion.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evil.example/")]
    [InlineData("EU-WEST-1")]
    [InlineData("eu-west")]
    public void Confirm_RegionThatIsNoRegionName_UsageErrorBeforeAnyRequest(string region)
    {
        var log = WriteLog();
        using var silent = new SilentTcpServer();
        using var aws = AwsAt(silent.Endpoint);

        var result = CliRunner.Run(["analyze", log, "--confirm", "--region", region]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"alblog: --region {region}: not an AWS region name (e.g. eu-west-1)", result.Error.Trim());
        Assert.Equal(0, silent.Connections);
    }

    [Fact]
    public void Confirm_TargetGroupArnWithAHostForARegion_IsNotUsedAsTheRegion()
    {
        // A log line's ARN must not steer signed requests to another host: with no other region, none is used.
        var log = WriteLog(targetGroup: "arn:aws:elasticloadbalancing:evil.example/x:123456789012:targetgroup/shop-https/8cfa5fab4a872705", name: "incident.log.gz");
        using var aws = AwsAt(Moto.Endpoint, region: null);

        var result = CliRunner.Run(["analyze", log, "--confirm", "--color", "never"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("alblog: --confirm needs the load balancer's region", result.Error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Confirm_MalformedEndpointOverride_OneLineNoStackTrace()
    {
        var log = WriteLog();
        using var aws = AwsAt(Moto.Endpoint);
        using var bad = new EnvironmentScope(("AWS_ENDPOINT_URL_CLOUDWATCH", "not a url"));

        var result = CliRunner.Run(["analyze", log, "--confirm", "--color", "never"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("alblog: --confirm: AWS_ENDPOINT_URL_CLOUDWATCH='not a url' is not an absolute http or https URL.", result.Error.Trim());
    }
}
