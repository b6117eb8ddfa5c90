using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using AlbLogLambda.Core.Reading;

namespace AlbLogLambda.Benchmarks;

/// <summary>
/// <c>decode FILE [--integrity]</c>: inflates a gzip file to nowhere with .NET's <see cref="GZipStream"/> (zlib-ng) and
/// prints the decoded byte count: the floor the whole-process benchmark compares <c>alblog analyze</c> with. With
/// <c>--integrity</c> it decodes through the engine's <see cref="GzipIntegrityStream"/> instead (truncation detection).
/// </summary>
internal static class DecodeCommand
{
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
        long decoded = DecodeBenchmarks.Drain(gzip, new byte[DecodeBenchmarks.ReadBytes]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"decoded {decoded} bytes from {file.Length} in {clock.Elapsed.TotalSeconds:0.000} s ({(integrity ? "GzipIntegrityStream" : "GZipStream")})"));
        return 0;
    }
}
