using System.Diagnostics;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.Json;
using AlbLogLambda.TestSupport;
using static AlbLogLambda.Tests.Deployment.CfnTemplate;

namespace AlbLogLambda.Tests.Deployment;

/// <summary>
/// `sam build` with <c>BuildMethod: makefile</c>, done as SAM does it (the SAM CLI is not needed): the CodeUri folder
/// is copied to a scratch folder and <c>make --makefile SCRATCH/Makefile build-AlbLogFunction</c> runs there with
/// ARTIFACTS_DIR in its environment. The package for this machine's architecture is started as the managed runtime
/// starts it, against a Runtime API and S3 (s3rver) on 127.0.0.1; the arm64 package (the template's default, whose
/// ReadyToRun code cannot run here) is checked file by file.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SamMakefileBuildTests : IClassFixture<SamMakefileBuildTests.ScratchCopy>
{
    private const string Bucket = "alb-logs-123456789012";
    private const string SampleName = "123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261124T1005Z_10.0.1.23_5h2k9x3a.log.gz";

    private readonly ScratchCopy _scratch;

    public SamMakefileBuildTests(ScratchCopy scratch) => _scratch = scratch;

    [Fact]
    public async Task MakeTarget_HostArchitecture_BuildsAPackageThatServesAnInvocation()
    {
        string artifacts = _scratch.Build("x86_64");
        Assert.False(File.Exists(Path.Combine(artifacts, "bootstrap")));
        Assert.Empty(SymbolsAndDocs(artifacts));

        await using var s3 = await S3rverServer.StartAsync();
        await s3.CreateBucketAsync(Bucket);
        string key = "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/" + SampleName;
        var sample = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "logs", SampleName));
        await s3.PutObjectAsync(Bucket, key, sample);
        await using var runtime = new FakeLambdaRuntimeApi();
        string payload = "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\",\"eventName\":\"ObjectCreated:Put\","
            + "\"s3\":{\"bucket\":{\"name\":\"" + Bucket + "\"},\"object\":{\"key\":\"" + key + "\",\"size\":" + sample.Length + "}}}]}";
        runtime.EnqueueInvocation("req-make", payload);

        // As the dotnet10 runtime starts the handler `AlbLogLambda`: the assembly from the package, nothing else.
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(artifacts, Str(IfBranch(TemplateFunction()["Handler"], managed: true)) + ".dll"));
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToArray()) start.Environment.Remove(name);
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtime.RuntimeApi;
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["AWS_ENDPOINT_URL_S3"] = s3.ServiceUrl.ToString();
        start.Environment["AWS_ENDPOINT_URL_SNS"] = "";
        start.Environment["AWS_ACCESS_KEY_ID"] = S3rverServer.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = S3rverServer.SecretAccessKey;
        start.Environment.Remove("ALERT_TOPIC_ARN");
        using var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var result = await runtime.WaitForResultAsync("req-make", TimeSpan.FromSeconds(90));

            Assert.EndsWith("/invocation/req-make/response", result.Path, StringComparison.Ordinal);
            using var response = JsonDocument.Parse(result.Body);
            var analyzed = Assert.Single(response.RootElement.GetProperty("objects").EnumerateArray().ToList());
            Assert.Equal("ok", analyzed.GetProperty("status").GetString());
            Assert.Equal(1_100, analyzed.GetProperty("entries").GetInt64());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task MakeTarget_NativeAotX86_64_BuildsOneBootstrapThatServesAnInvocation()
    {
        string artifacts = _scratch.Build("x86_64", "native-aot");

        // What provided.al2023 starts (Handler: bootstrap) and nothing else: no symbols, no managed assemblies.
        string handler = Str(IfBranch(TemplateFunction()["Handler"], managed: false));
        Assert.Equal(["bootstrap"], Directory.GetFiles(artifacts, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(artifacts, f)));
        Assert.Equal("bootstrap", handler);
        string bootstrap = Path.Combine(artifacts, handler);
        var header = new byte[20];
        using (var file = File.OpenRead(bootstrap)) file.ReadExactly(header);
        Assert.Equal(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, header[..4]);
        Assert.Equal(0x3E, BitConverter.ToUInt16(header, 18)); // e_machine: x86-64
        if (!OperatingSystem.IsWindows()) Assert.True((File.GetUnixFileMode(bootstrap) & UnixFileMode.UserExecute) != 0, "bootstrap is not executable");

        await using var moto = await MotoServer.StartAsync();
        var cli = new AwsCli(moto.Endpoint, "testing", "testing", "us-east-1");
        string key = "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/" + SampleName;
        string sample = Path.Combine(AppContext.BaseDirectory, "Fixtures", "logs", SampleName);
        await cli.RunAsync("s3api", "create-bucket", "--bucket", Bucket);
        await cli.RunAsync("s3api", "put-object", "--bucket", Bucket, "--key", key, "--body", sample);
        await using var runtime = new FakeLambdaRuntimeApi();
        runtime.EnqueueInvocation("req-aot", EndToEnd.AccessLogObject.S3Event(Bucket, key, new FileInfo(sample).Length));

        var (results, log) = await EndToEnd.FunctionProcess.ServeAsync([bootstrap], runtime,
            new Dictionary<string, string>
            {
                ["AWS_REGION"] = "us-east-1",
                ["AWS_ENDPOINT_URL_S3"] = moto.Endpoint.AbsoluteUri,
                ["AWS_ACCESS_KEY_ID"] = "testing",
                ["AWS_SECRET_ACCESS_KEY"] = "testing",
            },
            "req-aot");

        Assert.True(results[0].Path.EndsWith("/invocation/req-aot/response", StringComparison.Ordinal), results[0].BodyText + "\n" + log);
        using var response = JsonDocument.Parse(results[0].Body);
        var analyzed = Assert.Single(response.RootElement.GetProperty("objects").EnumerateArray().ToList());
        Assert.Equal(("ok", 1_100L), (analyzed.GetProperty("status").GetString(), analyzed.GetProperty("entries").GetInt64()));
        var summary = Assert.Single(response.RootElement.GetProperty("summaries").EnumerateArray().ToList());
        Assert.Equal(126, summary.GetProperty("http502").GetInt64());
        Assert.True(summary.GetProperty("dryRun").GetBoolean());
    }

    [Fact]
    public void MakeTarget_TemplateArchitecture_HoldsWhatTheManagedRuntimeLoadsForArm64AndNothingElse()
    {
        string architecture = Str(Template().Parameter("FunctionArchitecture")["Default"]);
        string artifacts = _scratch.Build(architecture);

        var files = Directory.GetFiles(artifacts, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(artifacts, f)).ToHashSet();
        foreach (var needed in new[] { "AlbLogLambda.dll", "AlbLogLambda.runtimeconfig.json", "AlbLogLambda.deps.json", "AlbLogLambda.Core.dll", "AWSSDK.Core.dll", "AWSSDK.S3.dll" })
        {
            Assert.Contains(needed, files);
        }
        Assert.Empty(SymbolsAndDocs(artifacts));
        Assert.DoesNotContain(files, f => f.StartsWith("AlbLogLambda.Generation", StringComparison.Ordinal));

        // Framework-dependent (the runtime brings .NET) and resolved for linux-arm64.
        using var runtimeConfig = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(artifacts, "AlbLogLambda.runtimeconfig.json")));
        Assert.Equal("Microsoft.NETCore.App", runtimeConfig.RootElement.GetProperty("runtimeOptions").GetProperty("framework").GetProperty("name").GetString());
        using var deps = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(artifacts, "AlbLogLambda.deps.json")));
        Assert.EndsWith("/linux-arm64", deps.RootElement.GetProperty("runtimeTarget").GetProperty("name").GetString(), StringComparison.Ordinal);

        // ReadyToRun code for arm64: a native header, and the machine field of a Linux R2R image (Arm64 XOR 0x7B79).
        using var pe = new PEReader(File.OpenRead(Path.Combine(artifacts, "AlbLogLambda.dll")));
        Assert.True(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, "AlbLogLambda.dll has no ReadyToRun code");
        Assert.Equal((ushort)Machine.Arm64 ^ 0x7B79, (ushort)pe.PEHeaders.CoffHeader.Machine);
    }

    [Fact]
    public void MakeTarget_UnknownArchitecture_FailsNamingIt()
    {
        var (exit, output) = _scratch.RunMake("mips", Path.Combine(_scratch.Root, ".out-mips"));

        Assert.NotEqual(0, exit);
        Assert.Contains("FUNCTION_ARCHITECTURE must be arm64 or x86_64, not 'mips'", output, StringComparison.Ordinal);
    }

    private static IEnumerable<string> SymbolsAndDocs(string directory) =>
        Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".dbg", StringComparison.OrdinalIgnoreCase));

    private static CfnTemplate Template() => Load(Path.Combine(RepositoryRoot, "template.yaml"));

    private static Dictionary<string, object?> TemplateFunction() => Template().Properties("AlbLogFunction");

    private static object? IfBranch(object? value, bool managed) => Seq(Map(value)["Fn::If"])[managed ? 2 : 1];

    /// <summary>One copy of the CodeUri folder per test class, as SAM's scratch folder; each build writes its own ARTIFACTS_DIR.</summary>
    public sealed class ScratchCopy : IDisposable
    {
        private readonly Dictionary<string, string> _built = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();
        private readonly RepositoryCopy _copy;

        public ScratchCopy()
        {
            string codeUri = Path.GetFullPath(Path.Combine(RepositoryRoot, Str(Load(Path.Combine(RepositoryRoot, "template.yaml")).Properties("AlbLogFunction")["CodeUri"])));
            _copy = new RepositoryCopy(codeUri, "alblog-sam-scratch-");
        }

        public string Root => _copy.Root;

        /// <summary>The ARTIFACTS_DIR of a successful build for <paramref name="architecture"/> and <paramref name="package"/> (built once).</summary>
        public string Build(string architecture, string package = "managed")
        {
            lock (_gate)
            {
                string name = $"{package}-{architecture}";
                if (_built.TryGetValue(name, out var done)) return done;
                string artifacts = Path.Combine(Root, ".aws-sam-like", name);
                var (exit, output) = RunMake(architecture, artifacts, package);
                Assert.True(exit == 0, output);
                _built[name] = artifacts;
                return artifacts;
            }
        }

        public (int Exit, string Output) RunMake(string architecture, string artifacts, string package = "managed")
        {
            var start = new ProcessStartInfo("make") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "--makefile", Path.Combine(Root, "Makefile"), "build-AlbLogFunction" }) start.ArgumentList.Add(a);
            // What SAM sets (ARTIFACTS_DIR) and what the README tells a user to set for another package.
            start.Environment["ARTIFACTS_DIR"] = artifacts;
            start.Environment["FUNCTION_ARCHITECTURE"] = architecture;
            start.Environment["FUNCTION_PACKAGE"] = package;
            using var process = Process.Start(start)!;
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
            {
                process.Kill(entireProcessTree: true);
                return (-1, "make did not finish within 15 minutes\n" + output);
            }
            process.WaitForExit();
            lock (output) return (process.ExitCode, output.ToString());
        }

        public void Dispose() => _copy.Dispose();
    }
}
