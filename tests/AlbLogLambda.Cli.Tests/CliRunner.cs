using System.Text;

namespace AlbLogLambda.Cli.Tests;

/// <summary>Runs `alblog` in-process with captured console streams.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error, byte[] RawOut);

    public static Result Run(string[] args, byte[]? stdin = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var raw = new MemoryStream();
        int exit = Program.Run(args, stdout, stderr, () => new MemoryStream(stdin ?? []), () => new NonClosingStream(raw));
        return new Result(exit, stdout.ToString() + Encoding.UTF8.GetString(raw.ToArray()), stderr.ToString(), raw.ToArray());
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AlbLogLambda.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }

    public static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    /// <summary>A sample event of the repository's events/ folder (copied beside the tests), or the folder itself.</summary>
    public static string Event(string? name = null) => name is null ? Path.Combine(AppContext.BaseDirectory, "events") : Path.Combine(AppContext.BaseDirectory, "events", name);

    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
        public override void Flush() => inner.Flush();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
