using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using AlbLogLambda.Core.Reading;

namespace AlbLogLambda.Benchmarks;

/// <summary>
/// <c>decode FILE [--integrity]</c>: inflates a gzip file to nowhere with .NET's <see cref="GZipStream"/> (zlib-ng) and
/// prints the decoded byte count: the floor the whole-process benchmark compares <c>alblog analyze</c> with. With
/// <c>--integrity</c> it decodes through the engine's <see cref="GzipIntegrityStream"/> instead (truncation detection).
/// Also built alone as <c>decode-floor</c> (bench/AlbLogLambda.DecodeFloor), which publishes with Native AOT.
/// </summary>
internal static class DecodeCommand
{
    /// <summary>The read size: the engine's line reader asks for 256 KiB at a time.</summary>
    public const int ReadBytes = 256 * 1024;

    public static int Run(string[] args)
    {
        string? path = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (path is null)
        {
            Console.Error.WriteLine("usage: decode FILE [--integrity]");
            return 1;
        }
        bool integrity = args.Contains("--integrity");
        var clock = Stopwatch.StartNew();
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        using Stream gzip = integrity ? new GzipIntegrityStream(file) : new GZipStream(file, CompressionMode.Decompress);
        long decoded = Drain(gzip, new byte[ReadBytes]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"decoded {decoded} bytes from {file.Length} in {clock.Elapsed.TotalSeconds:0.000} s ({(integrity ? "GzipIntegrityStream" : "GZipStream")})"));
        return 0;
    }

    /// <summary>Reads <paramref name="stream"/> to its end; returns the bytes read.</summary>
    public static long Drain(Stream stream, byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(buffer);
        long total = 0;
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0) total += n;
        return total;
    }
}
