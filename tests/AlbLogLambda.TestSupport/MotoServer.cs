using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AlbLogLambda.TestSupport;

/// <summary>
/// A real AWS emulator for tests: moto's server (<c>python3 -m moto.server</c>) on 127.0.0.1, on a free port, one
/// process per instance, killed with its process tree on dispose. Where <c>import moto</c> fails, the first start
/// installs <c>moto[server]</c> with pip; where that fails too, it says so.
/// </summary>
/// <remarks>
/// moto serves every service on the one endpoint and tells them apart by the signing name in the Authorization header.
/// With <c>INITIAL_NO_AUTH_ACTION_COUNT=n</c> in <see cref="StartAsync"/>'s environment it answers the first n actions
/// unauthenticated, then verifies Signature Version 4 and IAM policies of its own users (403 AccessDenied).
/// </remarks>
public sealed class MotoServer : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_pipTimeout = TimeSpan.FromMinutes(5);
    private static readonly SemaphoreSlim s_install = new(1, 1);
    private static bool s_installed;

    private readonly Process _process;
    private readonly StringBuilder _output;

    private MotoServer(Process process, StringBuilder output, Uri endpoint)
    {
        _process = process;
        _output = output;
        Endpoint = endpoint;
    }

    /// <summary><c>http://127.0.0.1:{port}/</c>: the endpoint of every emulated service.</summary>
    public Uri Endpoint { get; }

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

    /// <summary>Installs moto if it is missing, starts a server and waits until it answers.</summary>
    /// <param name="environment">Extra environment of the server process (e.g. INITIAL_NO_AUTH_ACTION_COUNT).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static async Task<MotoServer> StartAsync(IReadOnlyDictionary<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        await EnsureInstalledAsync(cancellationToken);
        var port = FreePort();
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-m", "moto.server", "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new MotoServer(process, output, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await server.WaitUntilAnsweringAsync(cancellationToken);
            return server;
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or OperationCanceledException)
        {
            var printed = server.Output;
            await server.DisposeAsync();
            throw new InvalidOperationException($"moto server did not start on port {port}: {ex.Message}\n{printed}", ex);
        }

        void Append(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }
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
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Checks that moto imports; installs <c>moto[server]</c> with pip once if it does not.</summary>
    /// <exception cref="InvalidOperationException">moto is missing and pip could not install it.</exception>
    public static async Task EnsureInstalledAsync(CancellationToken cancellationToken = default)
    {
        await s_install.WaitAsync(cancellationToken);
        try
        {
            if (s_installed)
            {
                return;
            }

            var probe = await PythonProcess.RunAsync(["-c", "import moto.server, flask"], TimeSpan.FromSeconds(60), cancellationToken: cancellationToken);
            if (probe.ExitCode != 0)
            {
                var pip = await PythonProcess.RunAsync(["-m", "pip", "install", "moto[server]"], s_pipTimeout, cancellationToken: cancellationToken);
                var again = await PythonProcess.RunAsync(["-c", "import moto.server, flask"], TimeSpan.FromSeconds(60), cancellationToken: cancellationToken);
                if (again.ExitCode != 0)
                {
                    throw new InvalidOperationException(
                        "The moto tests need Python 3 with moto[server] 5 ('python3 -m pip install \"moto[server]\"'). "
                        + $"'import moto.server' failed:\n{probe.Error}\npip install moto[server] exited {pip.ExitCode}:\n{pip.Output}{pip.Error}");
                }
            }

            s_installed = true;
        }
        finally
        {
            s_install.Release();
        }
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the process exited with code {_process.ExitCode}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Endpoint, "moto-api/"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One probe timed out; try again.
            }

            if (deadline.Elapsed > s_startTimeout)
            {
                throw new TimeoutException($"no answer on {Endpoint} within {s_startTimeout}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
