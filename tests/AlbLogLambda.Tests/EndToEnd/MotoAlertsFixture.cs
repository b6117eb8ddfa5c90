using System.Text.Json;
using AlbLogLambda.TestSupport;

namespace AlbLogLambda.Tests.EndToEnd;

/// <summary>
/// The alert path end to end against moto's S3, SNS and SQS, set up once for <see cref="MotoAlertsTests"/>: the log
/// bucket with the objects below, the alert topic as template.yaml makes it (a standard topic), SQS subscribers made by
/// the README's "Subscribe" commands run with the real AWS CLI (one queue per filter policy the README shows), the
/// function process publishing one summary per object, a CloudWatch-alarm-like notification, and then everything each
/// queue received.
/// </summary>
/// <remarks>
/// The README's e-mail and HTTPS subscriptions are left out: e-mail needs a mailbox to confirm, and moto would post
/// every message to the README's example HTTPS address.
/// </remarks>
public sealed class MotoAlertsFixture : IAsyncLifetime
{
    public const string Bucket = "alb-logs-123456789012";
    public const string TopicName = "alb-log-lambda-AlertTopic-1A2B3C4D5E6F";
    public const string SampleName = "123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261124T1005Z_10.0.1.23_5h2k9x3a.log.gz";
    public const string MyAlb = "app/my-alb/50dc6c495c0c9188";
    public const string OtherAlb = "app/other-alb/0a1b2c3d4e5f6789";
    public const string BigAlb = "app/big-alb/9f8e7d6c5b4a3210";

    /// <summary>The README's own queue, without a filter policy.</summary>
    public const string AllQueue = "alb-502-alerts";

    /// <summary>The README's policy: 502s the load balancer generated, from ten up.</summary>
    public const string LoadBalancerGeneratedQueue = "alb-502-lb-generated";

    /// <summary>The README's "one load balancer" policy.</summary>
    public const string OneLoadBalancerQueue = "alb-502-one-lb";

    /// <summary>The README's "connection trouble" policy.</summary>
    public const string ConnectionQueue = "alb-502-connection";

    /// <summary>No policy, raw message delivery (the README's alternative).</summary>
    public const string RawQueue = "alb-502-raw";

    public const string AlarmSubject = "ALARM: \"alb-log-lambda-dead-letters\" in US East (N. Virginia)";

    /// <summary>The subjects the function publishes, one per object (ObjectFor gives each object).</summary>
    public const string SampleSubject = "ALB 502: my-alb 113 from LB, 13 from targets (2026-11-24 10:05Z)";
    public const string TargetsOnlySubject = "ALB 502: my-alb 0 from LB, 12 from targets (2026-11-24 10:10Z)";
    public const string NineLambdaSubject = "ALB 502: other-alb 9 from LB, 0 from targets (2026-11-24 10:05Z)";
    public const string TenConnectionSubject = "ALB 502: other-alb 10 from LB, 0 from targets (2026-11-24 10:10Z)";
    public const string OversizedSubject = "ALB 502: big-alb 0 from LB, 12 from targets (2026-11-24 10:05Z)";

    /// <summary>The length of each path in the oversized object's 502 lines: three sample lines of it exceed 256 KB.</summary>
    public const int LongPathLength = 100_000;

    private MotoServer? _moto;

    public MotoServer Moto => _moto ?? throw new InvalidOperationException("moto is not started");

    public AwsCli Cli { get; private set; } = null!;

    public string TopicArn { get; private set; } = "";

    /// <summary>Queue name → the README script that made and subscribed it (for failure messages).</summary>
    public Dictionary<string, string> Scripts { get; } = new(StringComparer.Ordinal);

    /// <summary>Queue name → the filter policy it was given from the README; absent for no policy.</summary>
    public Dictionary<string, string> Policies { get; } = new(StringComparer.Ordinal);

    /// <summary>Queue name → every message it received.</summary>
    public Dictionary<string, IReadOnlyList<JsonElement>> Received { get; } = new(StringComparer.Ordinal);

    /// <summary>The function's answer to each invocation.</summary>
    public IReadOnlyList<RecordedRequest> FunctionResults { get; private set; } = [];

    public string FunctionLog { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _moto = await MotoServer.StartAsync();
        // moto without INITIAL_NO_AUTH_ACTION_COUNT checks no signature: any keys do.
        Cli = new AwsCli(Moto.Endpoint, "testing", "testing", AccessLogObject.Region);
        await Cli.RunAsync("s3api", "create-bucket", "--bucket", Bucket);
        // The topic as template.yaml makes it: a standard topic (no FifoTopic), so subscribers are standard queues.
        var template = Deployment.CfnTemplate.Load(Path.Combine(Deployment.CfnTemplate.RepositoryRoot, "template.yaml"));
        if (template.Properties("AlertTopic").ContainsKey("FifoTopic")) throw new InvalidOperationException("template.yaml's AlertTopic is now FIFO: make the topic and queues FIFO here too");
        TopicArn = (await Cli.RunAsync("sns", "create-topic", "--name", TopicName, "--query", "TopicArn", "--output", "text")).Trim();

        await SubscribeAsReadmeSaysAsync();

        var objects = Objects();
        var runtime = new FakeLambdaRuntimeApi();
        await using (runtime)
        {
            var ids = new List<string>();
            foreach (var (key, body) in objects)
            {
                var file = Path.Combine(Path.GetTempPath(), $"alblog-e2e-{Guid.NewGuid():N}.log.gz");
                await File.WriteAllBytesAsync(file, body);
                try
                {
                    await Cli.RunAsync("s3api", "put-object", "--bucket", Bucket, "--key", key, "--body", file);
                }
                finally
                {
                    File.Delete(file);
                }

                var id = $"req-{ids.Count + 1}";
                runtime.EnqueueInvocation(id, AccessLogObject.S3Event(Bucket, key, body.Length));
                ids.Add(id);
            }

            var environment = new Dictionary<string, string>
            {
                ["AWS_REGION"] = AccessLogObject.Region,
                ["AWS_ENDPOINT_URL"] = Moto.Endpoint.AbsoluteUri,
                ["AWS_ACCESS_KEY_ID"] = "testing",
                ["AWS_SECRET_ACCESS_KEY"] = "testing",
                ["ALERT_TOPIC_ARN"] = TopicArn,
            };
            (FunctionResults, FunctionLog) = await FunctionProcess.ServeAsync(["dotnet", FunctionProcess.ManagedAssembly()], runtime, environment, [.. ids]);
        }

        // What a CloudWatch alarm on the topic sends: a subject and a JSON body, no message attributes.
        await Cli.RunAsync("sns", "publish", "--topic-arn", TopicArn, "--subject", AlarmSubject,
            "--message", """{"AlarmName":"alb-log-lambda-dead-letters","NewStateValue":"ALARM","NewStateReason":"Threshold Crossed: 1 datapoint [1.0] was greater than the threshold (0.0)."}""");

        foreach (var queue in new[] { AllQueue, LoadBalancerGeneratedQueue, OneLoadBalancerQueue, ConnectionQueue, RawQueue })
        {
            Received[queue] = await ReceiveAllAsync(queue);
        }
    }

    public async Task DisposeAsync()
    {
        if (_moto is not null) await _moto.DisposeAsync();
    }

    /// <summary>The function's answer to the invocation of object <paramref name="index"/> (in <see cref="Objects"/>'s order).</summary>
    public JsonElement FunctionAnswer(int index) => JsonDocument.Parse(FunctionResults[index].Body).RootElement;

    /// <summary>The messages of <paramref name="queue"/> as SNS envelopes (not for <see cref="RawQueue"/>).</summary>
    public IReadOnlyList<JsonElement> Envelopes(string queue) =>
        Received[queue].Select(m => JsonDocument.Parse(m.GetProperty("Body").GetString()!).RootElement).ToList();

    /// <summary>
    /// The log objects, one invocation each: the committed sample (my-alb, both origins, top cause
    /// target-closed-connection), my-alb with only the targets' own 502s, other-alb with 9 Lambda 502s (one below the
    /// README's ten), other-alb with 10 connection failures (exactly ten), and big-alb whose report with samples would be
    /// far over 256 KB.
    /// </summary>
    internal static List<(string Key, byte[] Body)> Objects()
    {
        var ten05 = new DateTimeOffset(2026, 11, 24, 10, 5, 0, TimeSpan.Zero);
        var ten10 = ten05.AddMinutes(5);
        var sample = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "logs", SampleName));
        var targetsOnly = new AccessLogObject(MyAlb, ten10).Ok(40).TargetReturned502(12);
        var nineLambda = new AccessLogObject(OtherAlb, ten05).Ok(30).LambdaUnhandled(9);
        var tenConnection = new AccessLogObject(OtherAlb, ten10).Ok(30).ConnectionFailed(10);
        var oversized = new AccessLogObject(BigAlb, ten05).Ok(10).TargetReturned502(12, path: "/search/" + new string('a', LongPathLength));
        return
        [
            ("AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/" + SampleName, sample),
            (targetsOnly.Key, targetsOnly.Gzip()),
            (nineLambda.Key, nineLambda.Gzip()),
            (tenConnection.Key, tenConnection.Gzip()),
            (oversized.Key, oversized.Gzip()),
        ];
    }

    /// <summary>
    /// The README's SQS commands, once per queue (its queue name replaced), with the topic the stack output would give;
    /// then its filter-policy command on each filtered queue's subscription, with the policies the README shows.
    /// </summary>
    private async Task SubscribeAsReadmeSaysAsync()
    {
        var section = ReadmeText.Section("Subscribe");
        var blocks = ReadmeText.ShellBlocks(section);
        var subscribe = ReadmeText.Commands(blocks[0]);
        // TOPIC=$(aws cloudformation describe-stacks ...): the stack's output, here the topic made above.
        var sqsCommands = subscribe
            .Where(c => !c.StartsWith("TOPIC=", StringComparison.Ordinal))
            .Where(c => !c.Contains("--protocol email", StringComparison.Ordinal) && !c.Contains("--protocol https", StringComparison.Ordinal))
            .ToList();
        if (sqsCommands.Count != 4 || !sqsCommands[^1].Contains("--protocol sqs", StringComparison.Ordinal) || !sqsCommands[0].Contains(AllQueue, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("README 'Subscribe': expected create-queue, get-queue-attributes, set-queue-attributes and subscribe --protocol sqs for " + AllQueue + ", found:\n" + string.Join('\n', sqsCommands));
        }

        foreach (var queue in new[] { AllQueue, LoadBalancerGeneratedQueue, OneLoadBalancerQueue, ConnectionQueue, RawQueue })
        {
            var commands = sqsCommands.Select(c => c.Replace(AllQueue, queue, StringComparison.Ordinal)).ToList();
            if (queue == RawQueue) commands[^1] += " --attributes RawMessageDelivery=true"; // the README's raw-delivery variant
            var script = AwsCli.Lines(["TOPIC=" + AwsCli.Quote(TopicArn), .. commands]);
            Scripts[queue] = script;
            var run = await Cli.RunScriptAsync(script);
            if (run.ExitCode != 0) throw new InvalidOperationException($"README subscribe commands for {queue} exited {run.ExitCode}:\n{run.Error}\n{script}");
        }

        // SUBSCRIPTION_ARN=<example>; aws sns set-subscription-attributes ... --attribute-value '<policy>'
        var filter = ReadmeText.Commands(blocks[1]);
        var setPolicy = filter.Single(c => c.Contains("set-subscription-attributes", StringComparison.Ordinal));
        var readmePolicy = setPolicy[(setPolicy.IndexOf("--attribute-value '", StringComparison.Ordinal) + "--attribute-value '".Length)..^1];
        var others = ReadmeText.CodeSpans(section[section.IndexOf("Other filters:", StringComparison.Ordinal)..], "{");
        var policies = new Dictionary<string, string>
        {
            [LoadBalancerGeneratedQueue] = readmePolicy,
            [OneLoadBalancerQueue] = others.Single(p => p.Contains("\"loadBalancer\"", StringComparison.Ordinal)),
            [ConnectionQueue] = others.Single(p => p.Contains("\"topCause\"", StringComparison.Ordinal)),
        };
        using var subscriptions = JsonDocument.Parse(await Cli.RunAsync("sns", "list-subscriptions-by-topic", "--topic-arn", TopicArn));
        foreach (var (queue, policy) in policies)
        {
            var endpoint = $"arn:aws:sqs:{AccessLogObject.Region}:{AccessLogObject.Account}:{queue}";
            var arn = subscriptions.RootElement.GetProperty("Subscriptions").EnumerateArray()
                .Single(s => s.GetProperty("Endpoint").GetString() == endpoint).GetProperty("SubscriptionArn").GetString()!;
            var commands = filter
                .Select(c => c.StartsWith("SUBSCRIPTION_ARN=", StringComparison.Ordinal) ? "SUBSCRIPTION_ARN=" + AwsCli.Quote(arn) : c)
                .Select(c => c == setPolicy ? c.Replace(readmePolicy, policy, StringComparison.Ordinal) : c);
            var script = AwsCli.Lines(commands);
            Scripts[queue] += script;
            Policies[queue] = policy;
            var run = await Cli.RunScriptAsync(script);
            if (run.ExitCode != 0) throw new InvalidOperationException($"README filter-policy command for {queue} exited {run.ExitCode}:\n{run.Error}\n{script}");
        }
    }

    /// <summary>Receives until the queue is empty (moto delivers during Publish, so everything is there already).</summary>
    private async Task<IReadOnlyList<JsonElement>> ReceiveAllAsync(string queue)
    {
        var url = (await Cli.RunAsync("sqs", "get-queue-url", "--queue-name", queue, "--query", "QueueUrl", "--output", "text")).Trim();
        var messages = new List<JsonElement>();
        while (true)
        {
            var text = await Cli.RunAsync("sqs", "receive-message", "--queue-url", url, "--max-number-of-messages", "10",
                "--message-attribute-names", "All", "--attribute-names", "All", "--visibility-timeout", "600", "--wait-time-seconds", "0");
            if (string.IsNullOrWhiteSpace(text)) return messages;
            using var answer = JsonDocument.Parse(text);
            if (!answer.RootElement.TryGetProperty("Messages", out var batch) || batch.GetArrayLength() == 0) return messages;
            messages.AddRange(batch.EnumerateArray().Select(m => m.Clone()));
        }
    }
}
