using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Reading;
using AlbLogLambda.Generation;

namespace AlbLogLambda.Core.Tests.Reading;

public class ReadAheadStreamTests
{
    [Fact]
    public void Read_ManySmallAndLargeReads_DeliverTheSourceInOrder()
    {
        var data = Enumerable.Range(0, 3_000_000).Select(i => (byte)(i * 31 + (i >> 9))).ToArray();
        using var stream = new ReadAheadStream(new MemoryStream(data), bufferSize: 64 * 1024, depth: 2);
        var output = new MemoryStream();
        var random = new Random(7);
        var buffer = new byte[100_000];
        int n;
        while ((n = stream.Read(buffer, 0, random.Next(1, buffer.Length))) > 0) output.Write(buffer, 0, n);

        Assert.Equal(data, output.ToArray());
        Assert.Equal(0, stream.Read(buffer, 0, 10));
    }

    [Fact]
    public void Read_SourceFailsMidway_ThrowsAfterTheBytesBeforeTheFailure()
    {
        var source = new FailAfterStream(500_000);
        using var stream = new ReadAheadStream(source, bufferSize: 64 * 1024);
        var buffer = new byte[8192];
        long total = 0;

        var error = Assert.Throws<IOException>(() =>
        {
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0) total += n;
        });

        Assert.Equal(500_000, total);
        Assert.Equal("source broke", error.Message);
    }

    [Fact]
    public void Dispose_BeforeTheEnd_StopsTheReaderAndLeavesTheSourceOpen()
    {
        var source = new MemoryStream(new byte[50_000_000]);
        var stream = new ReadAheadStream(source, bufferSize: 64 * 1024, depth: 2);
        stream.ReadExactly(new byte[10]);

        stream.Dispose();

        // The reader stopped after a few buffers instead of racing through the source, which is still the caller's.
        Assert.True(source.CanRead);
        Assert.InRange(source.Position, 10, 10 * 64 * 1024);
    }

    [Fact]
    public void Analyze_WithAndWithoutReadAhead_GiveTheSameReport()
    {
        var gz = new MemoryStream();
        AlbLogGenerator.WriteGzip(gz, new GeneratorOptions { Lines = 30_000, Seed = 3, LinesPerMember = 7_000 });
        string Render(bool readAhead)
        {
            using var session = new AnalysisSession(new AnalysisOptions { ReadAhead = readAhead });
            session.Analyze("g.log.gz", new MemoryStream(gz.ToArray()));
            var output = new MemoryStream();
            AlbLogLambda.Core.Rendering.JsonReportWriter.Write(output, session.BuildReport());
            return System.Text.Encoding.UTF8.GetString(output.ToArray());
        }

        Assert.Equal(Render(readAhead: false), Render(readAhead: true));
    }

    private sealed class FailAfterStream(long length) : ReadOnlyStream
    {
        private long _position;

        public override int Read(Span<byte> buffer)
        {
            if (_position >= length) throw new IOException("source broke");
            int n = (int)Math.Min(buffer.Length, length - _position);
            _position += n;
            return n;
        }
    }
}
