using System.Text;
using System.Text.Json;

namespace AlbLogLambda.Observability;

/// <summary>
/// Structured JSON log lines (one object per line) to the process's standard output, which Lambda sends
/// to CloudWatch Logs. The writer is injected so tests and the CLI capture it; lines are written whole.
/// </summary>
public sealed class FunctionLog(TextWriter output, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Lock _gate = new();

    /// <summary>The invocation in progress, added to every line.</summary>
    public string? RequestId { get; set; }

    public void Write(string message, Action<Utf8JsonWriter> properties, string level = "INFO")
    {
        ArgumentNullException.ThrowIfNull(properties);
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", _clock.GetUtcNow().UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("level", level);
            json.WriteString("message", message);
            if (RequestId is not null) json.WriteString("requestId", RequestId);
            properties(json);
            json.WriteEndObject();
        }
        WriteRaw(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    /// <summary>Writes a prepared line (an Embedded Metric Format document, for one).</summary>
    public void WriteRaw(string line)
    {
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
