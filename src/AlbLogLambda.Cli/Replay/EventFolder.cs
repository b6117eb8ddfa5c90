using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AlbLogLambda.Cli.Replay;

/// <summary>
/// The <c>--out</c> folder of a replay: event files <c>event-00001.json</c>, <c>event-00002.json</c>… and what they
/// already cover. Running the same replay again skips the objects found here, so an interrupted replay resumes.
/// </summary>
/// <remarks>
/// Each file is written to a temporary name and renamed into place, so an interruption never leaves a half-written
/// event behind: a file with an event name is always complete.
/// </remarks>
internal sealed partial class EventFolder
{
    private readonly HashSet<(string Bucket, string Key)> _covered;

    private EventFolder(string path, HashSet<(string Bucket, string Key)> covered, int lastNumber, int files)
    {
        Path = path;
        _covered = covered;
        LastNumber = lastNumber;
        ExistingFiles = files;
    }

    public string Path { get; }

    /// <summary>The highest event number in the folder (0 when there is none); new files continue after it.</summary>
    public int LastNumber { get; private set; }

    /// <summary>Event files found when the folder was opened.</summary>
    public int ExistingFiles { get; }

    /// <summary>Objects the folder's events already cover.</summary>
    public int CoveredObjects => _covered.Count;

    /// <summary>Opens (creating it if needed) a folder and reads the keys its event files name.</summary>
    /// <exception cref="InvalidDataException">An event file is not an S3 event notification.</exception>
    public static EventFolder Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Directory.CreateDirectory(path);
        var covered = new HashSet<(string, string)>();
        int last = 0, files = 0;
        foreach (var file in Directory.EnumerateFiles(path, "event-*.json"))
        {
            var match = EventFileName().Match(System.IO.Path.GetFileName(file));
            if (!match.Success) continue;
            files++;
            last = Math.Max(last, int.Parse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture));
            foreach (var o in ReadObjects(file)) covered.Add(o);
        }
        foreach (var stale in Directory.EnumerateFiles(path, "*.json.partial")) File.Delete(stale);
        return new EventFolder(path, covered, last, files);
    }

    /// <summary>File name of event number <paramref name="number"/>: <c>event-00001.json</c>.</summary>
    public static string FileName(int number) => $"event-{number.ToString("D5", CultureInfo.InvariantCulture)}.json";

    public bool Covers(string bucket, string key) => _covered.Contains((bucket, key));

    /// <summary>Writes the next event file for <paramref name="objects"/>; returns its path.</summary>
    public string Write(IReadOnlyList<ListedObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        int number = LastNumber + 1;
        string final = System.IO.Path.Combine(Path, FileName(number));
        string partial = final + ".partial";
        File.WriteAllBytes(partial, S3EventWriter.Notification(objects));
        File.Move(partial, final, overwrite: false);
        LastNumber = number;
        foreach (var o in objects) _covered.Add((o.Bucket, o.Key));
        return final;
    }

    private static List<(string Bucket, string Key)> ReadObjects(string file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(file));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file} is not JSON ({e.Message}); move it out of the folder to resume.", e);
        }
        using (document)
        {
            if (!document.RootElement.TryGetProperty("Records", out var records) || records.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{file} is not an S3 event notification (no Records array); move it out of the folder to resume.");
            }
            var objects = new List<(string Bucket, string Key)>();
            foreach (var record in records.EnumerateArray())
            {
                if (record.TryGetProperty("s3", out var s3)
                    && s3.TryGetProperty("bucket", out var bucket) && bucket.TryGetProperty("name", out var name)
                    && s3.TryGetProperty("object", out var obj) && obj.TryGetProperty("key", out var key)
                    && name.GetString() is { } b && key.GetString() is { } k)
                {
                    objects.Add((b, WebUtility.UrlDecode(k)));
                }
            }
            return objects;
        }
    }

    [GeneratedRegex(@"^event-(?<n>[0-9]{5,9})\.json$")]
    private static partial Regex EventFileName();
}
