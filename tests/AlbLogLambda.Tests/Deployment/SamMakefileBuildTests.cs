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
        // SAM's copy leaves out .aws-sam and .git; build outputs are left out too, so that the build starts clean.
        private static readonly HashSet<string> s_excluded = new(StringComparer.Ordinal) { ".git", ".aws-sam", "bin", "obj", "node_modules", "TestResults", "BenchmarkDotNet.Artifacts" };

        private readonly Dictionary<string, string> _built = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        public ScratchCopy()
        {
            Root = Directory.CreateTempSubdirectory("alblog-sam-scratch-").FullName;
            string codeUri = Path.GetFullPath(Path.Combine(RepositoryRoot, Str(Load(Path.Combine(RepositoryRoot, "template.yaml")).Properties("AlbLogFunction")["CodeUri"])));
            Copy(new DirectoryInfo(codeUri), Root);
        }

        public string Root { get; }

        /// <summary>The ARTIFACTS_DIR of a successful build for <paramref name="architecture"/> (built once).</summary>
        public string Build(string architecture)
        {
            lock (_gate)
            {
                if (_built.TryGetValue(architecture, out var done)) return done;
                string artifacts = Path.Combine(Root, ".aws-sam-like", architecture);
                var (exit, output) = RunMake(architecture, artifacts);
                Assert.True(exit == 0, output);
                _built[architecture] = artifacts;
                return artifacts;
            }
        }

        public (int Exit, string Output) RunMake(string architecture, string artifacts)
        {
            var start = new ProcessStartInfo("make") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "--makefile", Path.Combine(Root, "Makefile"), "build-AlbLogFunction" }) start.ArgumentList.Add(a);
            // What SAM sets (ARTIFACTS_DIR) and what the README tells a user to set for another package.
            start.Environment["ARTIFACTS_DIR"] = artifacts;
            start.Environment["FUNCTION_ARCHITECTURE"] = architecture;
            start.Environment["FUNCTION_PACKAGE"] = "managed";
            using var process = Process.Start(start)!;
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
            {
                process.Kill(entireProcessTree: true);
                return (-1, "make did not finish within 10 minutes\n" + output);
            }
            process.WaitForExit();
            lock (output) return (process.ExitCode, output.ToString());
        }

        public void Dispose() => Directory.Delete(Root, recursive: true);

        private static void Copy(DirectoryInfo source, string target)
        {
            Directory.CreateDirectory(target);
            foreach (var file in source.EnumerateFiles()) file.CopyTo(Path.Combine(target, file.Name));
            foreach (var dir in source.EnumerateDirectories().Where(d => !s_excluded.Contains(d.Name))) Copy(dir, Path.Combine(target, dir.Name));
        }
    }
}
