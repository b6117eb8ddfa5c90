using System.IO.Compression;
using System.Reflection;

namespace AlbLogLambda.Core.Reading;

/// <summary>
/// What the decoder inside a <see cref="GZipStream"/> knows after it failed or stopped: how much of its input it had
/// not used, and whether its last member had ended. Read only to name a failure.
/// </summary>
/// <remarks>
/// .NET reports every zlib data error as the same <see cref="InvalidDataException"/> ("unsupported compression
/// method"), whether a CRC or length check failed, the deflate data is corrupt or a header is bad, and keeps zlib's own
/// message away. Where the decoder stopped in its input tells them apart (the caller reads the bytes there), and that
/// is only in private members of the runtime's implementation, read here by reflection (on the failure path only).
/// They are the runtime's internals: when a runtime does not have them, each answer is null and the caller falls
/// back to a plainer reason; the tests of <see cref="GzipIntegrityStream"/> notice that.
/// </remarks>
internal static class ZlibInflaterState
{
    private const BindingFlags Private = BindingFlags.Instance | BindingFlags.NonPublic;
    private static readonly FieldInfo? s_deflateStream = typeof(GZipStream).GetField("_deflateStream", Private);
    private static readonly PropertyInfo? s_finished = typeof(DeflateStream).GetProperty("InflatorIsFinished", Private);
    private static readonly FieldInfo? s_inflater = typeof(DeflateStream).GetField("_inflater", Private);
    private static readonly FieldInfo? s_zlibStream = Type.GetType("System.IO.Compression.Inflater, System.IO.Compression")?.GetField("_zlibStream", Private);
    private static readonly PropertyInfo? s_availableInput = Type.GetType("System.IO.Compression.ZLibNative+ZLibStreamHandle, System.IO.Compression")
        ?.GetProperty("AvailIn", BindingFlags.Instance | BindingFlags.Public);

    /// <summary>Input bytes handed to the decoder that it has not consumed; null when the runtime does not say.</summary>
    public static long? UnusedInput(GZipStream gzip)
    {
        try
        {
            var deflate = s_deflateStream?.GetValue(gzip);
            var inflater = deflate is null ? null : s_inflater?.GetValue(deflate);
            var handle = inflater is null ? null : s_zlibStream?.GetValue(inflater);
            return handle is null ? null : s_availableInput?.GetValue(handle) is uint unused ? unused : null;
        }
        catch (Exception e) when (e is TargetInvocationException or ObjectDisposedException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>True when the decoder's last member ended (its trailer checked); null when the runtime does not say.</summary>
    public static bool? LastMemberEnded(GZipStream gzip)
    {
        try
        {
            var deflate = s_deflateStream?.GetValue(gzip);
            return deflate is null ? null : s_finished?.GetValue(deflate) as bool?;
        }
        catch (Exception e) when (e is TargetInvocationException or ObjectDisposedException or InvalidOperationException)
        {
            return null;
        }
    }
}
