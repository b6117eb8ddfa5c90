using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AlbLogLambda.TestSupport;

namespace AlbLogLambda.Benchmarks;

/// <summary>
/// <c>coldstart --object FILE [--runs N] --variant LABEL=COMMAND [--variant ...] [--out FILE]</c>: the function's cold
/// start, the way Lambda sees it. A real S3-compatible server (s3rver on 127.0.0.1, <see cref="S3rverServer"/>) holds
/// the object under an ALB access-log key; a stand-in Runtime API on 127.0.0.1 hands out one S3 notification for it;
/// the function process is started with AWS_LAMBDA_RUNTIME_API and AWS_ENDPOINT_URL_S3 pointing there and no
/// ALERT_TOPIC_ARN (dry run). Measured from just before the process is started to the moment its first
/// <c>invocation/{id}/response</c> POST has arrived (and, for reference, its first <c>invocation/next</c>: init done).
/// One discarded warm-up run per variant (file cache), then the median, min and max of the runs. Before each run it
/// waits (up to 15 s) for the machine to be idle, and counts the runs that started busy.
/// </summary>
internal static class ColdStart
{
    private const string Bucket = "alb-access-logs-123456789012";
    private const string KeyPrefix = "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/11/24/";
    private static readonly TimeSpan s_runTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_idleWait = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(string[] args)
    {
        string? objectPath = null, outPath = null;
        int runs = 10;
        var variants = new List<(string Label, string[] Command)>();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--object": objectPath = Next(); break;
                case "--runs": runs = int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture); break;
                case "--out": outPath = Next(); break;
                case "--variant":
                    var spec = Next();
                    int eq = spec.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0) throw new ArgumentException($"--variant takes LABEL=COMMAND, not '{spec}'");
                    variants.Add((spec[..eq], spec[(eq + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)));
                    break;
                default: throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }
        if (objectPath is null || variants.Count == 0 || runs < 1)
        {
            Console.Error.WriteLine("usage: coldstart --object FILE [--runs N] --variant LABEL=COMMAND [--variant ...] [--out FILE]");
            return 1;
        }

        string key = KeyPrefix + Path.GetFileName(objectPath);
        await using var s3 = await S3rverServer.StartAsync();
        await s3.CreateBucketAsync(Bucket);
        await s3.PutObjectAsync(Bucket, key, await File.ReadAllBytesAsync(objectPath));
        Console.Error.WriteLine($"coldstart: s3rver at {s3.ServiceUrl}, s3://{Bucket}/{key} ({new FileInfo(objectPath).Length:N0} bytes)");

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Cold start: process start → first response posted to a Runtime API on 127.0.0.1, one S3 event for {Path.GetFileName(objectPath)} ({new FileInfo(objectPath).Length:N0} bytes) on s3rver; {runs} runs after one warm-up.");
        table.AppendLine();
        table.AppendLine("| build | command | init (to first `next`) median ms | first response median ms | min ms | max ms | object |");
        table.AppendLine("|---|---|---:|---:|---:|---:|---|");
        int failures = 0, busyRuns = 0;
        foreach (var (label, command) in variants)
        {
            var init = new List<double>();
            var response = new List<double>();
            string objectSummary = "";
            for (int run = 0; run <= runs; run++)
            {
                if (!await IdleMachine.WaitAsync(s_idleWait)) busyRuns++;
                var result = await RunOnceAsync(command, s3.ServiceUrl, key);
                if (result.Error is not null)
                {
                    Console.Error.WriteLine($"coldstart: {label} run {run}: {result.Error}");
                    failures++;
                    break;
                }
                objectSummary = result.ObjectSummary;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"coldstart: {label} run {run}{(run == 0 ? " (warm-up)" : "")}: init {result.InitMs:0.0} ms, response {result.ResponseMs:0.0} ms"));
                if (run == 0) continue;
                init.Add(result.InitMs);
                response.Add(result.ResponseMs);
            }
            if (response.Count == 0) continue;
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {label} | `{string.Join(' ', command.Select(Shorten))}` | {Median(init):0} | {Median(response):0} | {response.Min():0} | {response.Max():0} | {objectSummary} |"));
        }

        table.AppendLine();
        table.AppendLine(CultureInfo.InvariantCulture, $"{busyRuns} of {variants.Count * (runs + 1)} runs started while other work kept the machine less than {IdleMachine.IdlePercent} % idle (after waiting up to {s_idleWait.TotalSeconds:0} s).");
        Console.WriteLine(table.ToString());
        if (outPath is not null) await File.WriteAllTextAsync(outPath, table.ToString());
        return failures == 0 ? 0 : 1;
    }

    private sealed record RunResult(double InitMs, double ResponseMs, string ObjectSummary, string? Error);

    private static async Task<RunResult> RunOnceAsync(string[] command, Uri s3Endpoint, string key)
    {
        const string RequestId = "8476a536-e9f4-11e8-9739-2dfe598c3fcd";
        const string Prefix = "/2018-06-01/runtime/";
        var clock = new Stopwatch();
        double initMs = -1, responseMs = -1;
        var delivered = 0;
        var responded = new TaskCompletionSource<RecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        string payload = S3Event(Bucket, key);

        await using var runtimeApi = new RecordingHttpServer(async (request, stopping) =>
        {
            double at = clock.Elapsed.TotalMilliseconds;
            if (request.Method == "GET" && request.Path == Prefix + "invocation/next")
            {
                if (Interlocked.Increment(ref delivered) == 1)
                {
                    initMs = at;
                    return new ScriptedResponse(200, payload)
                    {
                        ContentType = "application/json",
                        Headers = new Dictionary<string, string>
                        {
                            ["Lambda-Runtime-Aws-Request-Id"] = RequestId,
                            ["Lambda-Runtime-Deadline-Ms"] = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                            ["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:alb-log-502",
                        },
                    };
                }
                await Task.Delay(Timeout.Infinite, stopping); // the next long poll: Lambda would freeze the process here
            }
            if (request.Method == "POST" && request.Path.StartsWith(Prefix, StringComparison.Ordinal))
            {
                if (request.Path == $"{Prefix}invocation/{RequestId}/response") responseMs = at;
                responded.TrySetResult(request);
                return new ScriptedResponse(202, """{"status":"OK"}""") { ContentType = "application/json" };
            }
            return new ScriptedResponse(404, """{"errorMessage":"unknown path"}""") { ContentType = "application/json" };
        });

        var start = new ProcessStartInfo(command[0])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in command.Skip(1)) start.ArgumentList.Add(arg);
        foreach (var name in (string[])["ALERT_TOPIC_ARN", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SNS", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"])
        {
            start.Environment.Remove(name);
        }
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi.HostAndPort;
        start.Environment["AWS_ENDPOINT_URL_S3"] = s3Endpoint.AbsoluteUri;
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["AWS_ACCESS_KEY_ID"] = S3rverServer.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = S3rverServer.SecretAccessKey;
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "alb-log-502";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        clock.Start();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var exited = process.WaitForExitAsync();
            var first = await Task.WhenAny(responded.Task, exited, Task.Delay(s_runTimeout));
            if (first != responded.Task)
            {
                return new RunResult(initMs, responseMs, "", $"no result within {s_runTimeout.TotalSeconds:0} s (exited: {process.HasExited}); output:\n{Tail(output)}");
            }
            var posted = await responded.Task;
            if (responseMs < 0) return new RunResult(initMs, responseMs, "", $"the function posted {posted.Path}: {posted.BodyText}\n{Tail(output)}");
            var summary = ObjectSummary(posted.Body, out var error);
            return new RunResult(initMs, responseMs, summary, error is null ? null : $"{error}: {posted.BodyText}\n{Tail(output)}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    /// <summary>The response must show the object read in full: status ok and entries counted.</summary>
    private static string ObjectSummary(byte[] response, out string? error)
    {
        using var document = JsonDocument.Parse(response);
        var o = document.RootElement.GetProperty("objects")[0];
        string status = o.GetProperty("status").GetString() ?? "";
        long entries = o.TryGetProperty("entries", out var e) ? e.GetInt64() : 0;
        error = status == "ok" && entries > 0 ? null : $"object status {status}, {entries} entries";
        return string.Create(CultureInfo.InvariantCulture, $"{status}, {entries:N0} entries");
    }

    private static string S3Event(string bucket, string key)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("Records");
            json.WriteStartObject();
            json.WriteString("eventVersion", "2.1");
            json.WriteString("eventSource", "aws:s3");
            json.WriteString("awsRegion", "us-east-1");
            json.WriteString("eventTime", "2026-11-24T10:05:31.412Z");
            json.WriteString("eventName", "ObjectCreated:Put");
            json.WriteStartObject("s3");
            json.WriteString("s3SchemaVersion", "1.0");
            json.WriteStartObject("bucket");
            json.WriteString("name", bucket);
            json.WriteString("arn", "arn:aws:s3:::" + bucket);
            json.WriteEndObject();
            json.WriteStartObject("object");
            json.WriteString("key", key);
            json.WriteString("sequencer", "0067432F8B1C9D2E01");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Shorten(string arg) => arg.Contains('/', StringComparison.Ordinal) ? ".../" + string.Join('/', arg.Split('/')[^2..]) : arg;

    private static string Tail(StringBuilder output)
    {
        lock (output)
        {
            var text = output.ToString();
            return text.Length > 3000 ? text[^3000..] : text;
        }
    }
}
