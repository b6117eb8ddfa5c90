using System.Globalization;
using System.Text.Json;
using AlbLogLambda.Aws;
using AlbLogLambda.TestSupport;
using Amazon.Runtime;

namespace AlbLogLambda.Tests.Evidence;

/// <summary>
/// One moto server per test class, enforcing IAM after its first three actions, with a world built in it: an admin
/// user and a "reader" allowed only the ELBv2 Describe actions; a VPC with two subnets; load balancer my-alb (idle
/// timeout 75 s) with an HTTP, an HTTPS and a Lambda target group; and the metric data of <see cref="Metrics"/> put
/// into CloudWatch with the admin's keys through the same signed query client the evidence uses.
/// </summary>
public sealed class MotoWorldFixture : IAsyncLifetime
{
    public const string Region = "us-east-1";
    public const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:checkout-fn";
    public const int IdleTimeoutSeconds = 75;
    public const int HttpDeregistrationDelay = 120;
    public const int HttpsDeregistrationDelay = 30;

    /// <summary>
    /// Builds the world with boto3 and prints its ids as JSON. The first three calls (the admin user, its policy, its
    /// key) are the ones moto answers before it starts enforcing IAM.
    /// </summary>
    private const string WorldScript = """
        import json, sys, boto3
        endpoint = sys.argv[1]
        def client(service, key="bootstrap", secret="bootstrap"):
            return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1",
                                aws_access_key_id=key, aws_secret_access_key=secret)
        iam = client("iam")
        iam.create_user(UserName="admin")
        iam.put_user_policy(UserName="admin", PolicyName="all", PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
        admin = iam.create_access_key(UserName="admin")["AccessKey"]
        key, secret = admin["AccessKeyId"], admin["SecretAccessKey"]
        iam = client("iam", key, secret)
        iam.create_user(UserName="reader")
        iam.put_user_policy(UserName="reader", PolicyName="elb-describe", PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "elasticloadbalancing:Describe*", "Resource": "*"}]}))
        reader = iam.create_access_key(UserName="reader")["AccessKey"]
        ec2, elb = client("ec2", key, secret), client("elbv2", key, secret)
        vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=cidr, AvailabilityZone=zone)["Subnet"]["SubnetId"]
                   for cidr, zone in (("10.0.1.0/24", "us-east-1a"), ("10.0.2.0/24", "us-east-1b"))]
        lb = elb.create_load_balancer(Name="my-alb", Subnets=subnets, Type="application")["LoadBalancers"][0]["LoadBalancerArn"]
        elb.modify_load_balancer_attributes(LoadBalancerArn=lb, Attributes=[{"Key": "idle_timeout.timeout_seconds", "Value": sys.argv[2]}])
        http = elb.create_target_group(Name="web-http", Protocol="HTTP", Port=80, VpcId=vpc, TargetType="instance")["TargetGroups"][0]["TargetGroupArn"]
        https = elb.create_target_group(Name="web-https", Protocol="HTTPS", Port=443, VpcId=vpc, TargetType="ip")["TargetGroups"][0]["TargetGroupArn"]
        fn = elb.create_target_group(Name="checkout", TargetType="lambda")["TargetGroups"][0]["TargetGroupArn"]
        elb.modify_target_group_attributes(TargetGroupArn=http, Attributes=[{"Key": "deregistration_delay.timeout_seconds", "Value": sys.argv[3]}])
        elb.modify_target_group_attributes(TargetGroupArn=https, Attributes=[{"Key": "deregistration_delay.timeout_seconds", "Value": sys.argv[4]}])
        elb.register_targets(TargetGroupArn=fn, Targets=[{"Id": sys.argv[5]}])
        print(json.dumps({"loadBalancerArn": lb, "http": http, "https": https, "lambda": fn,
                          "adminKey": key, "adminSecret": secret,
                          "readerKey": reader["AccessKeyId"], "readerSecret": reader["SecretAccessKey"]}))
        """;

    private MotoServer? _server;

    public MotoServer Server => _server ?? throw new InvalidOperationException("moto is not started.");

    public string LoadBalancerArn { get; private set; } = "";

    /// <summary>app/my-alb/id, as the access log names it.</summary>
    public string LoadBalancerId => LoadBalancerArn[(LoadBalancerArn.IndexOf(":loadbalancer/", StringComparison.Ordinal) + ":loadbalancer/".Length)..];

    public string HttpGroup { get; private set; } = "";

    public string HttpsGroup { get; private set; } = "";

    public string LambdaGroup { get; private set; } = "";

    public AWSCredentials Admin { get; private set; } = new AnonymousAWSCredentials();

    public AWSCredentials Reader { get; private set; } = new AnonymousAWSCredentials();

    /// <summary>The first minute of the analyzed window: half an hour ago, so that one-minute data points exist.</summary>
    public DateTimeOffset WindowStart { get; } = FloorToMinute(DateTimeOffset.UtcNow.AddMinutes(-30));

    /// <summary>The window's five minutes, as the entries of one log object would span them.</summary>
    public (DateTimeOffset First, DateTimeOffset Last) Entries => (WindowStart.AddSeconds(4.25), WindowStart.AddMinutes(4).AddSeconds(58));

    /// <summary>
    /// The metric data put: (namespace, metric, scope, minutes after the window start, value). Scope: lb, http, https,
    /// lambda (TargetGroup + LoadBalancer dimensions) or fn (the function). Minute -3 and 5 lie outside the window.
    /// </summary>
    public IReadOnlyList<(string Namespace, string Metric, string Scope, int Minute, double Value)> Metrics { get; } =
    [
        ("AWS/ApplicationELB", "HTTPCode_ELB_502_Count", "lb", 0, 7),
        ("AWS/ApplicationELB", "HTTPCode_ELB_502_Count", "lb", 1, 5),
        ("AWS/ApplicationELB", "HTTPCode_ELB_502_Count", "lb", 4, 2),
        ("AWS/ApplicationELB", "HTTPCode_ELB_502_Count", "lb", -3, 100),
        ("AWS/ApplicationELB", "HTTPCode_ELB_502_Count", "lb", 5, 100),
        ("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "lb", 2, 9),
        ("AWS/ApplicationELB", "TargetConnectionErrorCount", "lb", 0, 3),
        ("AWS/ApplicationELB", "TargetTLSNegotiationErrorCount", "lb", 3, 4),
        ("AWS/ApplicationELB", "LambdaUserError", "lb", 2, 6),
        ("AWS/ApplicationELB", "TargetConnectionErrorCount", "http", 0, 3),
        ("AWS/ApplicationELB", "HTTPCode_ELB_502_Count", "http", 0, 3),
        ("AWS/ApplicationELB", "TargetTLSNegotiationErrorCount", "https", 3, 4),
        ("AWS/ApplicationELB", "HTTPCode_ELB_502_Count", "https", 3, 4),
        ("AWS/ApplicationELB", "LambdaUserError", "lambda", 2, 6),
        ("AWS/Lambda", "Throttles", "fn", 2, 6),
        ("AWS/Lambda", "Duration", "fn", 1, 900),
        ("AWS/Lambda", "Duration", "fn", 2, 2500),
    ];

    /// <summary>The sum of the metric data put for a metric and scope inside the window (the figure the evidence must find).</summary>
    public double PutInWindow(string metric, string scope) =>
        Metrics.Where(m => m.Metric == metric && m.Scope == scope && m.Minute is >= 0 and < 5).Sum(m => m.Value);

    public async Task InitializeAsync()
    {
        _server = await MotoServer.StartAsync(new Dictionary<string, string?> { ["INITIAL_NO_AUTH_ACTION_COUNT"] = "3" });
        var script = Path.Combine(Path.GetTempPath(), $"alblog-moto-world-{Guid.NewGuid():N}.py");
        await File.WriteAllTextAsync(script, WorldScript);
        PythonProcess.Result world;
        try
        {
            world = await PythonProcess.RunAsync(
                [script, _server.Endpoint.AbsoluteUri, Invariant(IdleTimeoutSeconds), Invariant(HttpDeregistrationDelay), Invariant(HttpsDeregistrationDelay), FunctionArn],
                TimeSpan.FromMinutes(2));
        }
        finally
        {
            File.Delete(script);
        }

        if (world.ExitCode != 0)
        {
            throw new InvalidOperationException($"the moto world script failed ({world.ExitCode}):\n{world.Error}\nmoto:\n{_server.Output}");
        }

        using var ids = JsonDocument.Parse(world.Output);
        string Id(string name) => ids.RootElement.GetProperty(name).GetString()!;
        LoadBalancerArn = Id("loadBalancerArn");
        HttpGroup = Id("http");
        HttpsGroup = Id("https");
        LambdaGroup = Id("lambda");
        Admin = new BasicAWSCredentials(Id("adminKey"), Id("adminSecret"));
        Reader = new BasicAWSCredentials(Id("readerKey"), Id("readerSecret"));
        await PutMetricDataAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>CloudWatch PutMetricData (query API) with the admin's keys, one call per metric datum.</summary>
    private async Task PutMetricDataAsync()
    {
        using var query = new AwsQueryClient(new AwsQueryClientOptions { AttemptTimeout = TimeSpan.FromSeconds(30) }, Admin);
        foreach (var (ns, metric, scope, minute, value) in Metrics)
        {
            var dimensions = scope switch
            {
                "lb" => new[] { ("LoadBalancer", LoadBalancerId) },
                "fn" => [("FunctionName", FunctionArn[(FunctionArn.LastIndexOf(':') + 1)..])],
                _ => [("TargetGroup", TargetGroupDimension(scope)), ("LoadBalancer", LoadBalancerId)],
            };
            var parameters = new List<KeyValuePair<string, string>>
            {
                KeyValuePair.Create("Namespace", ns),
                KeyValuePair.Create("MetricData.member.1.MetricName", metric),
                KeyValuePair.Create("MetricData.member.1.Timestamp", WindowStart.AddMinutes(minute).AddSeconds(20).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                KeyValuePair.Create("MetricData.member.1.Value", Invariant(value)),
                KeyValuePair.Create("MetricData.member.1.Unit", ns == "AWS/Lambda" && metric == "Duration" ? "Milliseconds" : "Count"),
            };
            for (var d = 0; d < dimensions.Length; d++)
            {
                parameters.Add(KeyValuePair.Create($"MetricData.member.1.Dimensions.member.{d + 1}.Name", dimensions[d].Item1));
                parameters.Add(KeyValuePair.Create($"MetricData.member.1.Dimensions.member.{d + 1}.Value", dimensions[d].Item2));
            }

            await query.CallAsync(new AwsQueryRequest(Server.Endpoint, Region, "monitoring", "PutMetricData", "2010-08-01", parameters), CancellationToken.None);
        }
    }

    private string TargetGroupDimension(string scope)
    {
        var arn = scope switch { "http" => HttpGroup, "https" => HttpsGroup, _ => LambdaGroup };
        return arn[(arn.LastIndexOf(':') + 1)..];
    }

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    private static DateTimeOffset FloorToMinute(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
}
