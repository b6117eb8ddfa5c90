using System.IO.Compression;
using AlbLogLambda.Core.Reading;
using BenchmarkDotNet.Attributes;

namespace AlbLogLambda.Benchmarks;

/// <summary>
/// Inflating an in-memory multi-member gzip object to nowhere: plain <see cref="GZipStream"/> (zlib-ng, the floor)
/// against <see cref="GzipIntegrityStream"/>, the engine's truncation-detecting decoder, and
/// <see cref="LogStreamOpener"/> (magic-byte detection in front of it). The Ratio column is the cost of truncation
/// detection: the issue wants it to be nothing measurable.
/// </summary>
[MemoryDiagnoser]
public class DecodeBenchmarks : IWorkload
{
    private BenchData _data = null!;
    private readonly byte[] _buffer = new byte[DecodeCommand.ReadBytes];

    public long LinesPerInvocation => BenchData.StatsFor(BenchData.DefaultLines).PhysicalLines;

    public long BytesPerInvocation => BenchData.StatsFor(BenchData.DefaultLines).UncompressedBytes;

    [GlobalSetup]
    public void Setup()
    {
        _data = BenchData.Create();
        long expected = _data.Stats.UncompressedBytes;
        Check.Equal(expected, GZipStreamDecode(), "bytes decoded by GZipStream");
        Check.Equal(expected, IntegrityStreamDecode(), "bytes decoded by GzipIntegrityStream");
        Check.Equal(expected, OpenerDecode(), "bytes decoded through LogStreamOpener");
    }

    [Benchmark(Baseline = true)]
    public long GZipStreamDecode()
    {
        using var gzip = new GZipStream(new MemoryStream(_data.Gzip, writable: false), CompressionMode.Decompress);
        return DecodeCommand.Drain(gzip, _buffer);
    }

    [Benchmark]
    public long IntegrityStreamDecode()
    {
        using var gzip = new GzipIntegrityStream(new MemoryStream(_data.Gzip, writable: false));
        return DecodeCommand.Drain(gzip, _buffer);
    }

    [Benchmark]
    public long OpenerDecode()
    {
        using var decoded = LogStreamOpener.Open(new MemoryStream(_data.Gzip, writable: false));
        return DecodeCommand.Drain(decoded.Text, _buffer);
    }
}
