using System.Diagnostics;
using System.Text.Json;

namespace AlbLogLambda.TestSupport;

/// <summary>
/// Installs the s3rver npm package once per machine (by the test run itself: nothing to install by hand), into a cache
/// folder shared by every test assembly, under a cross-process file lock so parallel test hosts do not race.
/// </summary>
/// <remarks>
/// Folder: <c>$ALBLOG_S3RVER_DIR</c>, else <c>{temp}/alblog-s3rver-{Version}</c>. A marker file written after a
/// verified install makes later runs skip npm; deleting the folder forces a fresh install.
/// </remarks>
public static class S3rverInstaller
{
    public const string Version = "3.7.1";

    private const string MarkerFile = ".alblog-install-complete";
    private static readonly TimeSpan s_lockWait = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan s_npmTimeout = TimeSpan.FromMinutes(5);
    private static readonly SemaphoreSlim s_inProcess = new(1, 1);

    /// <summary>The cache folder (npm's <c>--prefix</c>).</summary>
    public static string InstallDirectory =>
        Environment.GetEnvironmentVariable("ALBLOG_S3RVER_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Path.GetTempPath(), $"alblog-s3rver-{Version}");

    /// <summary>Path of s3rver's CLI script (<c>node_modules/s3rver/bin/s3rver.js</c>), installing first if needed.</summary>
    public static async Task<string> EnsureInstalledAsync(CancellationToken cancellationToken = default)
    {
        var dir = InstallDirectory;
        var script = Path.Combine(dir, "node_modules", "s3rver", "bin", "s3rver.js");
        var marker = Path.Combine(dir, MarkerFile);
        if (File.Exists(marker) && File.Exists(script))
        {
            return script;
        }

        await s_inProcess.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(dir);
            await using var fileLock = await AcquireLockAsync(Path.Combine(dir, ".install.lock"), cancellationToken);
            if (File.Exists(marker) && File.Exists(script))
            {
                return script; // another test host installed it while we waited
            }

            await RunNpmInstallAsync(dir, cancellationToken);
            var installed = InstalledVersion(dir);
            if (!File.Exists(script) || installed != Version)
            {
                throw new InvalidOperationException(
                    $"npm install of s3rver@{Version} into {dir} did not produce {script} (installed version: {installed ?? "none"}).");
            }

            await File.WriteAllTextAsync(marker, Version, cancellationToken);
            return script;
        }
        finally
        {
            s_inProcess.Release();
        }
    }

    /// <summary>An exclusive lock: FileShare.None is an advisory flock on Unix, released when the holder exits or disposes.</summary>
    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + s_lockWait;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
    }

    private static async Task RunNpmInstallAsync(string dir, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("npm")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dir,
        };
        foreach (var arg in (string[])["install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", dir, $"s3rver@{Version}"])
        {
            start.ArgumentList.Add(arg);
        }

        Process npmProcess;
        try
        {
            npmProcess = Process.Start(start) ?? throw new InvalidOperationException("Could not start npm.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("npm is not on PATH: the s3rver tests need Node.js 18 or later with npm.", ex);
        }

        using var npm = npmProcess;
        var stdout = npm.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = npm.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_npmTimeout);
        try
        {
            await npm.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            npm.Kill(entireProcessTree: true);
            throw new TimeoutException($"npm install s3rver@{Version} did not finish within {s_npmTimeout}.");
        }

        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"npm install s3rver@{Version} failed with exit code {npm.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }

    private static string? InstalledVersion(string dir)
    {
        var packageJson = Path.Combine(dir, "node_modules", "s3rver", "package.json");
        if (!File.Exists(packageJson))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(packageJson));
        return document.RootElement.TryGetProperty("version", out var version) ? version.GetString() : null;
    }
}
