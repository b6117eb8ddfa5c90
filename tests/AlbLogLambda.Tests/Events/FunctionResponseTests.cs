using System.Text;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Batch;
using AlbLogLambda.Events;

namespace AlbLogLambda.Tests.Events;

public class FunctionResponseTests
{
    private static readonly BatchMessage s_good = new("m-good", [new LogObjectRef("b", "good.log.gz")]);
    private static readonly BatchMessage s_slow = new("m-slow", [new LogObjectRef("b", "slow.log.gz")]);

    private static BatchResult Result()
    {
        var outcome = new ObjectOutcome("good.log.gz", ObjectStatus.Ok, null, 3, 3, 0, 0, 1, 1, 100, 300);
        using var session = new AnalysisSession();
        var summary = new LoadBalancerSummary("app/my-alb/1", session.BuildReport(), [s_good.Objects[0]], 1);
        return new BatchResult(
            [
                new ObjectResult(s_good.Objects[0], s_good, "app/my-alb/1", BatchObjectStatus.Ok, null, outcome, "e", 100, TimeSpan.Zero),
                new ObjectResult(s_slow.Objects[0], s_slow, "app/my-alb/1", BatchObjectStatus.Retry, "stopped", null, null, null, TimeSpan.Zero),
            ],
            [new SummaryResult(summary, SummaryDelivery.DryRun, PublishReceipt.NotSent, null)],
            [s_slow],
            null);
    }

    [Fact]
    public void Write_SqsBatch_HasTheDocumentedShapeWithBatchItemFailures()
    {
        var json = Encoding.UTF8.GetString(FunctionResponse.Write(Result(), reportBatchItemFailures: true));

        Assert.Equal(
            """{"objects":[{"bucket":"b","key":"good.log.gz","status":"ok","entries":3,"http502LoadBalancer":1,"http502Target":1},{"bucket":"b","key":"slow.log.gz","status":"retry","reason":"stopped"}],"summaries":[{"loadBalancer":"app/my-alb/1","http502":0,"published":false,"dryRun":true}],"batchItemFailures":[{"itemIdentifier":"m-slow"}]}""",
            json);
    }

    [Fact]
    public void Write_DirectEvent_HasNoBatchItemFailures()
    {
        var json = Encoding.UTF8.GetString(FunctionResponse.Write(Result(), reportBatchItemFailures: false));

        Assert.DoesNotContain("batchItemFailures", json, StringComparison.Ordinal);
    }
}
