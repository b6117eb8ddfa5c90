using System.Diagnostics;
using System.Text;

namespace AlbLogLambda.TestSupport;

/// <summary>
/// The real AWS CLI (<c>aws</c> on the PATH) pointed at a local emulator: every call gets <c>--endpoint-url</c>, the
/// given keys and region, and none of the user's own configuration (no profile, config file or instance metadata), so
/// nothing can reach AWS. Scripts run in bash with <c>aws</c> defined as that same call, so that commands copied from
/// the README run as written.
/// </summary>
public sealed class AwsCli
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    private readonly Uri _endpoint;
    private readonly string _accessKeyId;
    private readonly string _secretAccessKey;
    private readonly string _region;

    public AwsCli(Uri endpoint, string accessKeyId, string secretAccessKey, string region)
    {
        _endpoint = endpoint;
        _accessKeyId = accessKeyId;
        _secretAccessKey = secretAccessKey;
        _region = region;
    }

    /// <summary>The result of one run.</summary>
    /// <param name="ExitCode">The exit code.</param>
    /// <param name="Output">Standard output.</param>
    /// <param name="Error">Standard error.</param>
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>Runs <c>aws --endpoint-url ENDPOINT {arguments}</c> and returns its standard output.</summary>
    /// <exception cref="InvalidOperationException">The CLI is missing or exited with an error (its message included).</exception>
    public async Task<string> RunAsync(params string[] arguments)
    {
        var result = await StartAsync("aws", ["--endpoint-url", _endpoint.AbsoluteUri, .. arguments]);
        return result.ExitCode == 0
            ? result.Output
            : throw new InvalidOperationException($"aws {string.Join(' ', arguments)} exited {result.ExitCode}: {result.Error}{result.Output}");
    }

    /// <summary>Runs <paramref name="script"/> with bash (<c>set -euo pipefail</c>), <c>aws</c> being the emulator's.</summary>
    public async Task<Result> RunScriptAsync(string script)
    {
        var file = Path.Combine(Path.GetTempPath(), $"alblog-aws-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(file, "set -euo pipefail\naws() { command aws --endpoint-url \"$ALBLOG_AWS_ENDPOINT\" \"$@\"; }\n" + script);
        try
        {
            return await StartAsync("bash", [file]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<Result> StartAsync(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToArray())
        {
            start.Environment.Remove(name);
        }

        start.Environment["ALBLOG_AWS_ENDPOINT"] = _endpoint.AbsoluteUri;
        start.Environment["AWS_ACCESS_KEY_ID"] = _accessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = _secretAccessKey;
        start.Environment["AWS_DEFAULT_REGION"] = _region;
        start.Environment["AWS_REGION"] = _region;
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_PAGER"] = "";

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{fileName} is not on the PATH: the end-to-end tests against moto need bash and the AWS CLI (`aws`).", ex);
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(s_timeout);
        }
        catch (TimeoutException ex)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish within {s_timeout}.", ex);
        }

        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>A value as one single-quoted bash word.</summary>
    public static string Quote(string value) => "'" + (value ?? string.Empty).Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Joins lines for a script.</summary>
    public static string Lines(IEnumerable<string> lines) => new StringBuilder().AppendJoin('\n', lines).Append('\n').ToString();
}
