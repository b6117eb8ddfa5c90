using AlbLogLambda.Core.Evidence;
using M = AlbLogLambda.Core.Evidence.EvidenceMetrics;

namespace AlbLogLambda.Core.Tests.Evidence;

public sealed class ConfirmationTextTests
{
    private const string LoadBalancer = "app/my-alb/50dc6c495c0c9188";

    private static readonly EvidenceWindow s_window = new(
        new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 7, 10, 5, 0, TimeSpan.Zero));

    private static MetricCounts Counts(params (string Name, double Value)[] values) =>
        MetricCounts.Of([.. M.LoadBalancerCounts.Select(n => (n, 0.0)), .. values]);

    [Fact]
    public void Line_Confirmed_TheDecidingFigureWhereAndWhen()
    {
        var verdict = CauseJudge.Judge("target-connection-failed", Counts((M.TargetConnectionErrorCount, 1466), (M.Elb502Count, 1480)));

        Assert.Equal(
            "confirmed: TargetConnectionErrorCount 1,466 for app/my-alb/50dc6c495c0c9188, 10:00–10:05 UTC",
            ConfirmationText.Line(verdict, LoadBalancer, s_window));
    }

    [Fact]
    public void Line_Contradicted_BothFiguresAndWhereTheyPoint()
    {
        var verdict = CauseJudge.Judge("target-connection-failed", Counts((M.TargetTlsNegotiationErrorCount, 12)));

        Assert.Equal(
            "contradicted: TargetConnectionErrorCount 0 but TargetTLSNegotiationErrorCount 12 (points to tls-handshake) for app/my-alb/50dc6c495c0c9188, 10:00–10:05 UTC",
            ConfirmationText.Line(verdict, LoadBalancer, s_window));
    }

    [Fact]
    public void Line_Unconfirmed_TheZeroFigures()
    {
        var verdict = CauseJudge.Judge("target-returned-502", Counts());

        Assert.Equal(
            "unconfirmed: HTTPCode_Target_5XX_Count 0 for app/my-alb/50dc6c495c0c9188, 10:00–10:05 UTC",
            ConfirmationText.Line(verdict, LoadBalancer, s_window));
    }

    [Fact]
    public void Line_Unavailable_TheReasonAndDetail()
    {
        var denied = new Unavailable(UnavailableReason.NoPermission, "GetMetricData failed after 1 attempt(s): 403 AccessDenied: not authorized");
        var counts = new MetricCounts([KeyValuePair.Create(M.TargetConnectionErrorCount, EvidencePart<double>.Unavailable(denied))]);

        var line = ConfirmationText.Line(CauseJudge.Judge("target-connection-failed", counts), LoadBalancer, s_window);

        Assert.Equal("unavailable (no-permission): GetMetricData failed after 1 attempt(s): 403 AccessDenied: not authorized", line);
    }

    [Fact]
    public void Window_AcrossMidnight_WithDates()
    {
        var window = new EvidenceWindow(new DateTimeOffset(2026, 12, 7, 23, 55, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 8, 0, 5, 0, TimeSpan.Zero));

        Assert.Equal("2026-12-07 23:55–2026-12-08 00:05 UTC", ConfirmationText.Window(window));
        Assert.Equal(
            "23:55–00:00 UTC",
            ConfirmationText.Window(new EvidenceWindow(window.Start, new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.Zero))));
    }
}
