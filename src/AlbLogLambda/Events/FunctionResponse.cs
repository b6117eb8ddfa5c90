using System.Text.Json;
using AlbLogLambda.Core.Batch;

namespace AlbLogLambda.Events;

/// <summary>
/// The invocation's answer: every object with its status, every summary, and for SQS the batch item failures
/// (the <c>ReportBatchItemFailures</c> contract: the ids of the messages to redeliver; an empty list deletes them all).
/// </summary>
internal static class FunctionResponse
{
    public static byte[] Write(BatchResult result, bool reportBatchItemFailures)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("objects");
            foreach (var o in result.Objects)
            {
                json.WriteStartObject();
                json.WriteString("bucket", o.LogObject.Bucket);
                json.WriteString("key", o.LogObject.Key);
                json.WriteString("status", BatchObjectStatusNames.Of(result.IsRetried(o) ? BatchObjectStatus.Retry : o.Status));
                if (o.Reason is not null) json.WriteString("reason", o.Reason);
                if (o.Outcome is { } outcome)
                {
                    json.WriteNumber("entries", outcome.Entries);
                    json.WriteNumber("http502LoadBalancer", outcome.Http502LoadBalancer);
                    json.WriteNumber("http502Target", outcome.Http502Target);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("summaries");
            foreach (var s in result.Summaries)
            {
                json.WriteStartObject();
                json.WriteString("loadBalancer", s.LoadBalancer);
                json.WriteNumber("http502", s.Report.Http502.Total);
                json.WriteBoolean("published", s.Delivery == SummaryDelivery.Published);
                if (s.Delivery == SummaryDelivery.DryRun) json.WriteBoolean("dryRun", true);
                if (s.Delivery == SummaryDelivery.AlreadyPublished) json.WriteBoolean("alreadyPublished", true);
                if (s.Error is not null) json.WriteString("error", s.Error);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (reportBatchItemFailures)
            {
                json.WriteStartArray("batchItemFailures");
                foreach (var message in result.MessagesToRetry)
                {
                    json.WriteStartObject();
                    json.WriteString("itemIdentifier", message.Id);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
