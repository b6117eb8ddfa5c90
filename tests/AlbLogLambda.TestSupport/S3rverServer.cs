using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace AlbLogLambda.TestSupport;

/// <summary>
/// A real S3-compatible server for tests: s3rver (npm, installed on first use by <see cref="S3rverInstaller"/>) run by
/// Node.js on 127.0.0.1, on a port the OS picks, over a fresh temporary directory. s3rver accepts only its own access
/// key id (<see cref="AccessKeyId"/>; others get 403 InvalidAccessKeyId) but does not verify Signature Version 4
/// signatures themselves. Disposing kills it.
/// </summary>
public sealed partial class S3rverServer : IAsyncDisposable, IDisposable
{
    /// <summary>The only credentials s3rver accepts.</summary>
    public const string AccessKeyId = "S3RVER";

    public const string SecretAccessKey = "S3RVER";

    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _output;

    private S3rverServer(Process process, string directory, StringBuilder output)
    {
        _process = process;
        _directory = directory;
        _output = output;
    }

    /// <summary><c>http://127.0.0.1:{port}/</c>: path-style S3 endpoint.</summary>
    public Uri ServiceUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>s3rver's credentials, for SDK clients and signers under test.</summary>
    public static AWSCredentials Credentials => new BasicAWSCredentials(AccessKeyId, SecretAccessKey);

    /// <summary>What the server printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Installs s3rver if needed, starts it and waits until it listens.</summary>
    public static async Task<S3rverServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var script = await S3rverInstaller.EnsureInstalledAsync(cancellationToken);
        var directory = Directory.CreateTempSubdirectory("alblog-s3rver-data-").FullName;
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[script, "--directory", directory, "--address", "127.0.0.1", "--port", "0", "--silent"])
        {
            start.ArgumentList.Add(arg);
        }

        // Node 17+ (OpenSSL 3): without the legacy provider, s3rver's continuation tokens (listings past the first page)
        // fail with 500.
        start.Environment["NODE_OPTIONS"] = "--openssl-legacy-provider";

        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("s3rver exited before listening."));
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            Directory.Delete(directory, recursive: true);
            throw new InvalidOperationException("node is not on PATH: the s3rver tests need Node.js 18 or later.", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new S3rverServer(process, directory, output);
        try
        {
            // The CLI prints "S3rver listening on 127.0.0.1:PORT" even with --silent, once the socket is bound.
            server.ServiceUrl = await listening.Task.WaitAsync(s_startTimeout, cancellationToken);
            return server;
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or OperationCanceledException)
        {
            var printed = server.Output;
            await server.DisposeAsync();
            throw new InvalidOperationException($"s3rver did not start: {ex.Message}\n{printed}", ex);
        }

        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (ListeningLine().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri($"http://127.0.0.1:{match.Groups["port"].Value}/"));
            }
        }
    }

    /// <summary>An S3 client for this server: path style, no chunked uploads, s3rver's credentials, short timeouts.</summary>
    public AmazonS3Client CreateClient() => new(Credentials, new AmazonS3Config
    {
        ServiceURL = ServiceUrl.AbsoluteUri,
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        Timeout = TimeSpan.FromSeconds(30),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        MaxErrorRetry = 1,
    });

    public async Task CreateBucketAsync(string bucket, CancellationToken cancellationToken = default)
    {
        using var client = CreateClient();
        await client.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, cancellationToken);
    }

    /// <summary>Uploads an object (UseChunkEncoding off: s3rver does not take aws-chunked bodies). Returns its ETag without quotes.</summary>
    public async Task<string> PutObjectAsync(string bucket, string key, byte[] content, CancellationToken cancellationToken = default)
    {
        using var client = CreateClient();
        var response = await client.PutObjectAsync(
            new PutObjectRequest
            {
                BucketName = bucket,
                Key = key,
                InputStream = new MemoryStream(content, writable: false),
                UseChunkEncoding = false,
            },
            cancellationToken);
        return response.ETag.Trim('"');
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or not ours to wait for any longer.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temp directory left behind is harmless.
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    [GeneratedRegex(@"S3rver listening on (?<address>[^\s:]+):(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
