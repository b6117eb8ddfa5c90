using System.Diagnostics;
using System.IO.Compression;

namespace AlbLogLambda.Cli.Tests;

/// <summary>
/// `alblog` as a user installs it: `dotnet pack` the CLI, `dotnet tool install` it into a temporary tool path from that
/// folder, and run the installed command.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ToolPackageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("alblog-tool-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Pack_InstallIntoToolPath_RunsVersionAndCarriesTheReadme()
    {
        string packages = Path.Combine(_dir, "packages");
        string tools = Path.Combine(_dir, "tools");
        string project = Path.Combine(CliRunner.RepositoryRoot(), "src", "AlbLogLambda.Cli");

        var pack = Run("dotnet", "pack", project, "-c", "Release", "-o", packages);
        Assert.True(pack.Exit == 0, pack.Output);
        var package = Assert.Single(Directory.GetFiles(packages, "AlbLogLambda.Cli.*.nupkg"));
        using (var zip = ZipFile.OpenRead(package))
        {
            var readme = zip.GetEntry("README.md");
            Assert.NotNull(readme);
            using var reader = new StreamReader(readme.Open());
            Assert.Contains("dotnet tool install -g AlbLogLambda.Cli", reader.ReadToEnd(), StringComparison.Ordinal);
        }

        var install = Run("dotnet", "tool", "install", "AlbLogLambda.Cli", "--tool-path", tools, "--add-source", packages);
        Assert.True(install.Exit == 0, install.Output);
        var version = Run(Path.Combine(tools, "alblog"), "--version");

        Assert.True(version.Exit == 0, version.Output);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Output.Trim());
    }

    private static (int Exit, string Output) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
