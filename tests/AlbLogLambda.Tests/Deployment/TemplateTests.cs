using System.Text.RegularExpressions;
using System.Xml.Linq;
using static AlbLogLambda.Tests.Deployment.CfnTemplate;

namespace AlbLogLambda.Tests.Deployment;

/// <summary>
/// The invariants of template.yaml that cfn-lint cannot know: the handler and environment match the code, the
/// trigger path batches and never drops a failure, the filters select ALB access logs, and every permission is
/// the narrowest one that works.
/// </summary>
public sealed class TemplateTests
{
    private const string FunctionId = "AlbLogFunction";

    private static readonly Lazy<CfnTemplate> s_template = new(() => Load(Path.Combine(RepositoryRoot, "template.yaml")));

    private static CfnTemplate Template => s_template.Value;

    private static Dictionary<string, object?> Function => Template.Properties(FunctionId);

    [Fact]
    public void Template_Transform_IsServerless()
    {
        Assert.Equal("AWS::Serverless-2016-10-31", Template.Root["Transform"]);
        Assert.Equal("AWS::Serverless::Function", Template.Resource(FunctionId)["Type"]);
    }

    [Fact]
    public void Function_Handler_IsTheFunctionsAssemblyNameOrTheNativeBootstrap()
    {
        string assemblyName = typeof(FunctionSettings).Assembly.GetName().Name!;

        Assert.Equal(["NativeAotPackage", "bootstrap", assemblyName], IfBranches(Function["Handler"]));
        Assert.Equal(["NativeAotPackage", "provided.al2023", "dotnet10"], IfBranches(Function["Runtime"]));
        var condition = Map(Map(Template.Root["Conditions"])["NativeAotPackage"]);
        var equals = Seq(condition["Fn::Equals"]);
        Assert.True(IsRef(equals[0], "FunctionPackage"));
        Assert.Equal("native-aot", equals[1]);
        Assert.Equal("managed", Template.Parameter("FunctionPackage")["Default"]);
        Assert.Equal(["managed", "native-aot"], Seq(Template.Parameter("FunctionPackage")["AllowedValues"]));

        // The executable assembly the managed handler names is the one project the Makefile publishes.
        var properties = XDocument.Load(Path.Combine(RepositoryRoot, "src", "AlbLogLambda", "AlbLogLambda.csproj"))
            .Descendants("PropertyGroup").Elements().ToLookup(e => e.Name.LocalName, e => e.Value);
        Assert.Equal(assemblyName, Assert.Single(properties["AssemblyName"]));
        Assert.Equal("Exe", Assert.Single(properties["OutputType"]));
    }

    [Fact]
    public void Function_Build_IsTheMakefileAtTheRepositoryRoot()
    {
        Assert.Equal("makefile", Map(Template.Resource(FunctionId)["Metadata"])["BuildMethod"]);

        // SAM copies CodeUri and runs `make build-AlbLogFunction` in the copy: CodeUri must hold the Makefile and
        // every project the function references.
        string codeUri = Path.GetFullPath(Path.Combine(RepositoryRoot, Str(Function["CodeUri"])));
        Assert.Equal(Path.TrimEndingDirectorySeparator(RepositoryRoot), Path.TrimEndingDirectorySeparator(codeUri));
        var makefile = File.ReadAllLines(Path.Combine(codeUri, "Makefile"));
        Assert.Contains(makefile, l => l.StartsWith($"build-{FunctionId}:", StringComparison.Ordinal));
    }

    [Fact]
    public void Function_Runtime_IsDotnet10OnArm64WithJsonLogsByDefault()
    {
        Assert.Equal("dotnet10", IfBranches(Function["Runtime"])[2]);
        var architecture = Assert.Single(Seq(Function["Architectures"]));
        Assert.True(IsRef(architecture, "FunctionArchitecture"));
        Assert.Equal("arm64", Template.Parameter("FunctionArchitecture")["Default"]);
        Assert.Equal(["arm64", "x86_64"], Seq(Template.Parameter("FunctionArchitecture")["AllowedValues"]));
        Assert.Equal("JSON", Map(Function["LoggingConfig"])["LogFormat"]);
        Assert.True(IsRef(Map(Function["LoggingConfig"])["LogGroup"], "AlbLogFunctionLogGroup"));
    }

    /// <summary>The condition name and the two branches of a <c>Fn::If</c>, as strings.</summary>
    private static List<string> IfBranches(object? value) => Seq(Map(value)["Fn::If"]).Select(Str).ToList();

    [Fact]
    public void Function_Timeout_LeavesRoomForTheDeadlineMarginAndS3Bounds()
    {
        int timeout = Int(Function["Timeout"]);
        int memory = Int(Function["MemorySize"]);
        var margin = new FunctionSettings().DeadlineMargin;

        // The handler stops reading DeadlineMargin before the deadline; a request attempt alone may take 20 s.
        Assert.InRange(timeout, (int)margin.TotalSeconds * 3 + 20, 900);
        Assert.InRange(memory, 256, 10_240);
    }

    [Fact]
    public void Function_EnvironmentNames_AreExactlyTheOnesTheCodeReads()
    {
        var variables = Map(Map(Function["Environment"])["Variables"]);

        // Besides the function's own settings: the SDKs' endpoint overrides, declared empty (AWS) so that
        // `sam local invoke --env-vars` can set them (SAM sets only declared variables).
        string[] endpoints = ["AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_SNS"];
        Assert.Equal(FunctionSettings.VariableNames.Concat(endpoints).Order(StringComparer.Ordinal), variables.Keys.Order(StringComparer.Ordinal));
        Assert.All(endpoints, name => Assert.Equal("", variables[name]));
        Assert.True(IsRef(variables[FunctionSettings.AlertTopicArnVariable], "AlertTopic"));
        Assert.True(IsRef(variables[FunctionSettings.Min502CountVariable], "Min502Count"));
        Assert.True(IsRef(variables[FunctionSettings.HttpsTargetGroupsVariable], "HttpsTargetGroups"));
    }

    [Fact]
    public void Trigger_SqsEvent_BatchesWithAWindowAndReportsItemFailures()
    {
        var events = Map(Function["Events"]);
        var sqs = Map(Assert.Single(events).Value);
        var properties = Map(sqs["Properties"]);

        Assert.Equal("SQS", sqs["Type"]);
        Assert.True(IsGetAtt(properties["Queue"], "LogObjectQueue", "Arn"));
        Assert.Contains("ReportBatchItemFailures", Seq(properties["FunctionResponseTypes"]));
        Assert.True(IsRef(properties["MaximumBatchingWindowInSeconds"], "BatchingWindowSeconds"));
        var window = Template.Parameter("BatchingWindowSeconds");
        Assert.InRange(Int(window["Default"]), 45, 90);
        Assert.Equal(300, Int(window["MaxValue"]));
    }

    [Fact]
    public void Queue_VisibilityTimeout_IsSixFunctionTimeoutsPlusTheLongestWindow()
    {
        int visibility = Int(Template.Properties("LogObjectQueue")["VisibilityTimeout"]);
        int timeout = Int(Function["Timeout"]);
        int longestWindow = Int(Template.Parameter("BatchingWindowSeconds")["MaxValue"]);

        Assert.True(visibility >= 6 * timeout + longestWindow, $"visibility {visibility} s < 6 x {timeout} s + {longestWindow} s");
    }

    [Fact]
    public void Queue_RedrivePolicy_ParksRepeatedFailuresInTheDeadLetterQueue()
    {
        var queue = Template.Properties("LogObjectQueue");
        var redrive = Map(queue["RedrivePolicy"]);
        var deadLetter = Template.Properties("DeadLetterQueue");

        Assert.True(IsGetAtt(redrive["deadLetterTargetArn"], "DeadLetterQueue", "Arn"));
        Assert.InRange(Int(redrive["maxReceiveCount"]), 2, 10);
        Assert.True(Int(deadLetter["MessageRetentionPeriod"]) > Int(queue["MessageRetentionPeriod"]));
    }

    [Fact]
    public void CreatedBucket_Notification_SendsObjectCreatedUnderAwsLogsWithLogGzSuffixToTheQueue()
    {
        var bucket = Template.Properties("LogBucket");
        var queueConfiguration = Map(Assert.Single(Seq(Map(bucket["NotificationConfiguration"])["QueueConfigurations"])));
        var rules = Seq(Map(Map(Map(queueConfiguration["Filter"])["S3Key"]))["Rules"]).Select(Map).ToDictionary(r => Str(r["Name"]), r => r["Value"]);

        Assert.Equal("s3:ObjectCreated:*", queueConfiguration["Event"]);
        Assert.True(IsGetAtt(queueConfiguration["Queue"], "LogObjectQueue", "Arn"));
        Assert.Equal(["${LogPrefix}/AWSLogs/", "AWSLogs/"], Renderings(rules["prefix"]));
        Assert.Equal(".log.gz", rules["suffix"]);
    }

    [Fact]
    public void CreatedBucket_Name_IsTheOneTheQueuePolicyAllows()
    {
        // S3 validates the queue policy while it creates the bucket, so the policy names the bucket by string.
        var bucketName = Assert.Single(Renderings(Template.Properties("LogBucket")["BucketName"]));
        var statement = Statements(Template.Properties("LogObjectQueuePolicy")["PolicyDocument"])
            .Single(s => Str(Map(s["Principal"])["Service"]) == "s3.amazonaws.com");
        var sourceArn = Assert.Single(Renderings(Map(Map(statement["Condition"])["ArnEquals"])["aws:SourceArn"]));

        Assert.Equal("arn:${AWS::Partition}:s3:::" + bucketName, sourceArn);
        Assert.Contains("LogObjectQueuePolicy", OneOrMany(Template.Resource("LogBucket")["DependsOn"]));
    }

    [Theory]
    [InlineData("", "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261124T1010Z_10.0.2.57_1q8c7m2z.log.gz", true)]
    [InlineData("alb/prod", "alb/prod/AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261124T1010Z_10.0.2.57_1q8c7m2z.log.gz", true)]
    [InlineData("", "AWSLogs/123456789012/ELBAccessLogTestFile", false)]
    [InlineData("", "other/AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/x.log.gz", false)]
    [InlineData("alb/prod", "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/x.log.gz", false)]
    [InlineData("", "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/x.log", false)]
    public void ExistingBucketRule_KeyPattern_MatchesAccessLogObjectsUnderThePrefixOnly(string prefix, string key, bool expected)
    {
        var rule = Template.Properties("ExistingBucketObjectCreatedRule");
        var pattern = Map(rule["EventPattern"]);
        var keyMatcher = Map(Assert.Single(Seq(Map(Map(Map(pattern["detail"])["object"]))["key"])));
        var wildcards = Renderings(keyMatcher["wildcard"]).ToList();
        string wildcard = prefix.Length > 0
            ? wildcards.Single(w => w.StartsWith("${LogPrefix}", StringComparison.Ordinal)).Replace("${LogPrefix}", prefix, StringComparison.Ordinal)
            : wildcards.Single(w => !w.Contains("${", StringComparison.Ordinal));

        // EventBridge wildcard: '*' matches any run of characters, everything else is literal.
        var regex = new Regex("^" + string.Join(".*", wildcard.Split('*').Select(Regex.Escape)) + "$");

        Assert.Equal(expected, regex.IsMatch(key));
        Assert.Equal(["aws.s3"], Seq(pattern["source"]));
        Assert.Equal(["Object Created"], Seq(pattern["detail-type"]));
        Assert.True(IsRef(Assert.Single(Seq(Map(Map(Map(pattern["detail"])["bucket"]))["name"])), "LogBucketName"));
        var target = Map(Assert.Single(Seq(rule["Targets"])));
        Assert.True(IsGetAtt(target["Arn"], "LogObjectQueue", "Arn"));
        Assert.True(IsGetAtt(Map(target["DeadLetterConfig"])["Arn"], "DeadLetterQueue", "Arn"));
    }

    [Fact]
    public void CreatedBucket_Settings_AreSseS3PrivateWithALifecycleRule()
    {
        var bucket = Template.Properties("LogBucket");
        var encryption = Map(Assert.Single(Seq(Map(bucket["BucketEncryption"])["ServerSideEncryptionConfiguration"])));
        var publicAccess = Map(bucket["PublicAccessBlockConfiguration"]);
        var rules = Seq(Map(bucket["LifecycleConfiguration"])["Rules"]).Select(Map).ToDictionary(r => Str(r["Id"]));
        var lifecycle = rules["expire-access-logs"];
        var markers = rules["expire-published-markers"];

        Assert.Equal("AES256", Map(encryption["ServerSideEncryptionByDefault"])["SSEAlgorithm"]);
        Assert.All(["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"], k => Assert.Equal("true", publicAccess[k]));
        Assert.Equal("Enabled", lifecycle["Status"]);
        Assert.True(IsRef(lifecycle["ExpirationInDays"], "LogRetentionDays"));
        Assert.Equal(2, rules.Count);
        Assert.Equal(("Enabled", "alb-log-lambda/published/", "7"), (markers["Status"], markers["Prefix"], markers["ExpirationInDays"]));
    }

    [Fact]
    public void PublishedMarkers_LiveUnderTheExpiredPrefixOfTheLogBucketOutsideEveryTrigger()
    {
        var variables = Map(Map(Function["Environment"])["Variables"]);

        Assert.Equal(["s3://${LogBucket}/alb-log-lambda/published/", "s3://${LogBucketName}/alb-log-lambda/published/"], Renderings(variables["PUBLISHED_MARKERS"]).Distinct());
        // Every trigger watches keys under AWSLogs/ only, so writing a marker never invokes the function.
        var filter = Seq(Map(Map(Map(Assert.Single(Seq(Map(Template.Properties("LogBucket")["NotificationConfiguration"])["QueueConfigurations"])))["Filter"])["S3Key"])["Rules"]).Select(Map);
        var prefixes = Renderings(filter.Single(r => Str(r["Name"]) == "prefix")["Value"]).ToList();
        Assert.NotEmpty(prefixes);
        Assert.All(prefixes, p => Assert.False("alb-log-lambda/published/0a1b".StartsWith(p.Replace("${LogPrefix}", "", StringComparison.Ordinal).TrimStart('/'), StringComparison.Ordinal), p));
    }

    [Fact]
    public void Function_MaxReceiveCount_IsTheQueuesRedriveLimit()
    {
        var variables = Map(Map(Function["Environment"])["Variables"]);
        var redrive = Map(Template.Properties("LogObjectQueue")["RedrivePolicy"]);

        Assert.Equal(redrive["maxReceiveCount"], variables["MAX_RECEIVE_COUNT"]);
    }

    [Fact]
    public void Dashboard_Body_IsJsonNamingOnlyMetricsTheFunctionEmitsOrAwsPublishes()
    {
        var body = Assert.Single(Renderings(Template.Properties("Http502Dashboard")["DashboardBody"]).Distinct()).Replace("${AWS::Region}", "us-east-1", StringComparison.Ordinal);
        using var document = System.Text.Json.JsonDocument.Parse(body);

        // What the function really emits: the names in its EMF documents for a report with a 502.
        using var session = new AlbLogLambda.Core.Analysis.AnalysisSession();
        session.Analyze("x.log", new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Handler.FunctionTestKit.Line("502 502"))));
        var emitted = AlbLogLambda.Observability.EmbeddedMetrics.Documents("app/a/1", session.BuildReport(), DateTimeOffset.UnixEpoch)
            .SelectMany(d => System.Text.Json.JsonDocument.Parse(d).RootElement.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics").EnumerateArray()
                .Select(m => "AlbLogLambda/" + m.GetProperty("Name").GetString()))
            .ToHashSet(StringComparer.Ordinal);
        string[] awsPublishes = ["AWS/ApplicationELB/HTTPCode_ELB_502_Count", "AWS/ApplicationELB/HTTPCode_Target_5XX_Count"];
        var named = Regex.Matches(body, @"SEARCH\('\{([A-Za-z/]+),[^}]*\} MetricName=\\""(\w+)\\""").Select(m => m.Groups[1].Value + "/" + m.Groups[2].Value).ToList();

        Assert.Equal(4, document.RootElement.GetProperty("widgets").GetArrayLength());
        Assert.Equal(7, named.Count);
        Assert.All(named, n => Assert.True(emitted.Contains(n) || awsPublishes.Contains(n), n));
        Assert.Contains("AWS/ApplicationELB/HTTPCode_ELB_502_Count", named);
        Assert.Contains("AlbLogLambda/Http502", named);
    }

    [Fact]
    public void ReportBucket_IsPrivateEncryptedExpiringAndTlsOnly()
    {
        var bucket = Template.Properties("ReportBucket");
        var rule = Map(Assert.Single(Seq(Map(bucket["LifecycleConfiguration"])["Rules"])));
        var deny = Assert.Single(Statements(Template.Properties("ReportBucketPolicy")["PolicyDocument"]));
        var variables = Map(Map(Function["Environment"])["Variables"]);

        Assert.Equal("AES256", Map(Map(Assert.Single(Seq(Map(bucket["BucketEncryption"])["ServerSideEncryptionConfiguration"])))["ServerSideEncryptionByDefault"])["SSEAlgorithm"]);
        Assert.All(["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"], k => Assert.Equal("true", Map(bucket["PublicAccessBlockConfiguration"])[k]));
        Assert.Equal(("Enabled", "30"), (rule["Status"], rule["ExpirationInDays"]));
        Assert.Equal(("Deny", "false"), (deny["Effect"], Map(Map(deny["Condition"])["Bool"])["aws:SecureTransport"]));
        Assert.Equal("reports/", variables["REPORT_PREFIX"]);
        Assert.True(IsRef(variables["REPORT_LINK_DAYS"], "ReportLinkDays"));
    }

    [Fact]
    public void DeadLetterQueue_IsRetainedOnDeleteAndReplace()
    {
        var queue = Template.Resource("DeadLetterQueue");

        Assert.Equal(("Retain", "Retain"), (queue["DeletionPolicy"], queue["UpdateReplacePolicy"]));
    }

    [Fact]
    public void CreatedBucket_Policy_LetsElbLogDeliveryPutObjectsUnderAwsLogsOnly()
    {
        var policy = Template.Properties("LogBucketPolicy");
        var statements = Statements(policy["PolicyDocument"]).ToList();
        var statement = statements.Single(s => Str(s["Sid"]) == "ElasticLoadBalancingLogDelivery");
        var deny = statements.Single(s => Str(s["Sid"]) == "DenyInsecureTransport");
        Assert.Equal(2, statements.Count);
        Assert.Equal(("Deny", "*", "s3:*"), (deny["Effect"], deny["Principal"], deny["Action"]));
        Assert.Equal("false", Map(Map(deny["Condition"])["Bool"])["aws:SecureTransport"]);

        Assert.True(IsRef(policy["Bucket"], "LogBucket"));
        Assert.Equal("Allow", statement["Effect"]);
        Assert.Equal("logdelivery.elasticloadbalancing.amazonaws.com", Map(statement["Principal"])["Service"]);
        Assert.Equal("s3:PutObject", statement["Action"]);
        Assert.Equal(
            ["arn:${AWS::Partition}:s3:::${LogBucket}/${LogPrefix}/AWSLogs/${AWS::AccountId}/*", "arn:${AWS::Partition}:s3:::${LogBucket}/AWSLogs/${AWS::AccountId}/*"],
            Renderings(statement["Resource"]));
    }

    [Fact]
    public void Permissions_FunctionRole_HasNoWildcardActionsOrResources()
    {
        // The function names its own role: SAM then attaches no managed policy (they allow their actions on "*").
        Assert.True(IsGetAtt(Function["Role"], "AlbLogFunctionRole", "Arn"));
        Assert.False(Function.ContainsKey("Policies"));

        var roles = Template.ResourcesOfType("AWS::IAM::Role").ToList();
        Assert.Equal("AlbLogFunctionRole", Assert.Single(roles).Id);
        var role = Map(roles[0].Resource["Properties"]);
        Assert.False(role.ContainsKey("ManagedPolicyArns"));
        foreach (var statement in RoleStatements(role))
        {
            Assert.Equal("Allow", statement["Effect"]);
            Assert.All(OneOrMany(statement["Action"]).Select(Str), action => Assert.DoesNotContain('*', action));
            if (Str(statement["Sid"]) == "ConfirmWithCloudWatchAndElb")
            {
                // The one "*": read-only actions that IAM does not scope to resources.
                Assert.Equal("*", statement["Resource"]);
                Assert.Equal(
                    ["cloudwatch:GetMetricData", "elasticloadbalancing:DescribeLoadBalancerAttributes", "elasticloadbalancing:DescribeTargetGroupAttributes",
                     "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth"],
                    OneOrMany(statement["Action"]).Select(Str).Order(StringComparer.Ordinal));
                continue;
            }
            foreach (var resource in OneOrMany(statement["Resource"]).SelectMany(Renderings))
            {
                // A '*' only as the last character under a named parent: object keys under AWSLogs/ in the log bucket,
                // log streams of the function's own log group (their names are not known in advance).
                int star = resource.IndexOf('*', StringComparison.Ordinal);
                if (star < 0) continue;
                Assert.Equal(resource.Length - 1, star);
                Assert.True(
                    Regex.IsMatch(resource, @"^arn:\$\{AWS::Partition\}:s3:::\$\{(LogBucket|LogBucketName)\}/(\$\{LogPrefix\}/)?AWSLogs/\*$")
                    || Regex.IsMatch(resource, @"^arn:\$\{AWS::Partition\}:s3:::\$\{(LogBucket|LogBucketName)\}/alb-log-lambda/published/\*$")
                    || resource == "${ReportBucket.Arn}/reports/*"
                    || Regex.IsMatch(resource, @"^arn:\$\{AWS::Partition\}:logs:\$\{AWS::Region\}:\$\{AWS::AccountId\}:log-group:\$\{AlbLogFunctionLogGroup\}:log-stream:\*$"),
                    $"wildcard resource {resource}");
            }
        }
    }

    [Fact]
    public void Permissions_FunctionRole_GrantsOnlyWhatTheFunctionDoes()
    {
        var role = Template.Properties("AlbLogFunctionRole");
        var statements = RoleStatements(role).ToList();
        var byAction = statements.SelectMany(s => OneOrMany(s["Action"]).Select(a => (Action: Str(a), Statement: s)))
            .ToLookup(x => x.Action, x => x.Statement, StringComparer.Ordinal);

        Assert.Equal(
            ["cloudwatch:GetMetricData", "elasticloadbalancing:DescribeLoadBalancerAttributes", "elasticloadbalancing:DescribeTargetGroupAttributes",
             "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth", "kms:Decrypt", "kms:GenerateDataKey", "logs:CreateLogStream", "logs:PutLogEvents", "s3:GetObject", "s3:PutObject", "sns:Publish", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"],
            byAction.Select(g => g.Key).Order(StringComparer.Ordinal));
        Assert.True(IsRef(Assert.Single(byAction["sns:Publish"])["Resource"], "AlertTopic"));
        Assert.True(IsGetAtt(Assert.Single(byAction["sqs:ReceiveMessage"])["Resource"], "LogObjectQueue", "Arn"));
        var keyBranches = Seq(Map(Assert.Single(byAction["kms:Decrypt"])["Resource"])["Fn::If"]);
        Assert.True(IsRef(keyBranches[1], "TopicKmsKeyArn"));
        Assert.True(IsGetAtt(keyBranches[2], "AlertTopicKey", "Arn"));
        var reads = byAction["s3:GetObject"].ToList();
        Assert.Equal(
            ["arn:${AWS::Partition}:s3:::${LogBucket}/${LogPrefix}/AWSLogs/*", "arn:${AWS::Partition}:s3:::${LogBucket}/AWSLogs/*",
             "arn:${AWS::Partition}:s3:::${LogBucketName}/${LogPrefix}/AWSLogs/*", "arn:${AWS::Partition}:s3:::${LogBucketName}/AWSLogs/*"],
            Renderings(reads.Single(r => Str(r["Sid"]) == "ReadAccessLogObjects")["Resource"]));
        Assert.Equal(3, reads.Count);
        var writes = byAction["s3:PutObject"].ToDictionary(w => Str(w["Sid"]));
        Assert.Equal(["RecordPublishedSummaries", "StoreReports"], writes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["${ReportBucket.Arn}/reports/*"], Renderings(writes["StoreReports"]["Resource"]));
        var markers = writes["RecordPublishedSummaries"];
        Assert.Equal(["arn:${AWS::Partition}:s3:::${LogBucket}/alb-log-lambda/published/*", "arn:${AWS::Partition}:s3:::${LogBucketName}/alb-log-lambda/published/*"],
            Renderings(markers["Resource"]).Distinct());
    }

    [Fact]
    public void Topic_IsAlwaysEncrypted_WithTheGivenKeyOrOneTheStackCreatesForTheAlarms()
    {
        var key = Map(Template.Properties("AlertTopic")["KmsMasterKeyId"]);
        var branches = Seq(key["Fn::If"]);

        Assert.Equal("HasTopicKey", branches[0]);
        Assert.True(IsRef(branches[1], "TopicKmsKeyArn"));
        Assert.True(IsRef(branches[2], "AlertTopicKey"));
        Assert.Equal("CreateTopicKey", Template.Resource("AlertTopicKey")["Condition"]);
        var grants = Statements(Template.Properties("AlertTopicKey")["KeyPolicy"]).ToList();
        var cloudWatch = grants.Single(g => Str(g["Sid"]) == "CloudWatchAlarmsPublishToTheTopic");
        Assert.Equal("cloudwatch.amazonaws.com", Map(cloudWatch["Principal"])["Service"]);
        Assert.Equal("HasAlertEmail", Template.Resource("AlertEmailSubscription")["Condition"]);
        Assert.Equal("email", Template.Properties("AlertEmailSubscription")["Protocol"]);
    }

    [Fact]
    public void Alarms_Http502AndDeadLetter_PublishToTheTopicAndTreatMissingDataAsNotBreaching()
    {
        var http502 = Template.Properties("Http502Alarm");
        var deadLetter = Template.Properties("DeadLetterQueueAlarm");

        Assert.Equal("WantHttp502Alarm", Template.Resource("Http502Alarm")["Condition"]);
        Assert.Equal("AWS/ApplicationELB", http502["Namespace"]);
        Assert.Equal("HTTPCode_ELB_502_Count", http502["MetricName"]);
        Assert.True(IsRef(Map(Assert.Single(Seq(http502["Dimensions"])))["Value"], "Alarm502LoadBalancer"));
        Assert.Equal("WantDeadLetterAlarm", Template.Resource("DeadLetterQueueAlarm")["Condition"]);
        Assert.True(IsGetAtt(Map(Assert.Single(Seq(deadLetter["Dimensions"])))["Value"], "DeadLetterQueue", "QueueName"));
        foreach (var alarm in new[] { http502, deadLetter })
        {
            Assert.Equal("notBreaching", alarm["TreatMissingData"]);
            Assert.True(IsRef(Assert.Single(Seq(alarm["AlarmActions"])), "AlertTopic"));
        }
    }

    [Fact]
    public void Outputs_NameTheTopicTheFunctionAndTheBucket()
    {
        var outputs = Map(Template.Root["Outputs"]);

        Assert.True(IsRef(Map(outputs["AlertTopicArn"])["Value"], "AlertTopic"));
        Assert.True(IsRef(Map(outputs["FunctionName"])["Value"], FunctionId));
        Assert.Equal(["${LogBucket}", "${LogBucketName}"], Renderings(Map(outputs["LogBucketName"])["Value"]));
    }

    [Fact]
    public void SamConfig_Defaults_AreThereAndNothingIsAccountSpecific()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot, "samconfig.toml"));
        var settings = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith('['))
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim().Trim('"'), StringComparer.Ordinal);

        Assert.Equal("alb-log-lambda", settings["stack_name"]);
        Assert.Equal("true", settings["resolve_s3"]);
        Assert.Equal("true", settings["confirm_changeset"]);
        Assert.Equal("true", settings["cached"]);
        Assert.Equal("true", settings["parallel"]);
        Assert.Contains("CAPABILITY_IAM", settings["capabilities"], StringComparison.Ordinal);
        Assert.DoesNotContain("region", settings.Keys);
        Assert.DoesNotContain("s3_bucket", settings.Keys);
        Assert.DoesNotContain("parameter_overrides", settings.Keys);
        Assert.DoesNotMatch(@"\d{12}", text);
    }

    [Fact]
    public void Readme_Deploy_ExplainsEveryParameter()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot, "README.md"));
        int deploy = readme.IndexOf("\n## Deploy", StringComparison.Ordinal);
        Assert.True(deploy >= 0, "README has no Deploy section");
        int next = readme.IndexOf("\n## ", deploy + 1, StringComparison.Ordinal);
        var section = next < 0 ? readme[deploy..] : readme[deploy..next];

        Assert.All(Map(Template.Root["Parameters"]).Keys, p => Assert.Contains($"`{p}`", section, StringComparison.Ordinal));
    }

    private static IEnumerable<Dictionary<string, object?>> RoleStatements(Dictionary<string, object?> role) =>
        Seq(role["Policies"]).Select(Map).SelectMany(p => Statements(p["PolicyDocument"]));

    /// <summary>The statements of a policy document; a conditional statement (Fn::If) gives its non-empty branches.</summary>
    private static IEnumerable<Dictionary<string, object?>> Statements(object? document)
    {
        foreach (var item in Seq(Map(document)["Statement"]))
        {
            var statement = Map(item);
            if (statement.TryGetValue("Fn::If", out var args))
            {
                foreach (var branch in Seq(args).Skip(1).Where(b => !IsRef(b, "AWS::NoValue"))) yield return Map(branch);
            }
            else
            {
                yield return statement;
            }
        }
    }
}
