using System.Text;
using System.Text.Json;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Classification;

namespace AlbLogLambda.Core.Tests.Analysis;

/// <summary>
/// The hypotheses settled over the window (docs/causes.md): each rule at both sides of its threshold, through a real
/// session over real lines, and the same verdict in the entries output.
/// </summary>
public class WindowHypothesesTests
{
    private const string Closed = "0.001 4.205 -1";

    private static string Target(int n) => $"10.0.1.{n}:8080";

    private static (AnalysisReport Report, string Entries) Analyze(IEnumerable<string> lines)
    {
        using var session = new AnalysisSession(new AnalysisOptions { CollectEntries = true });
        session.Analyze("a.log", new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n")));
        var entries = new MemoryStream();
        session.WriteEntries(entries);
        return (session.BuildReport(), Encoding.UTF8.GetString(entries.ToArray()));
    }

    /// <summary><paramref name="serving"/> targets answer 200; the closed-connection 502s go to the given targets in turn.</summary>
    private static IEnumerable<string> Group(int serving, int failures, params int[] failing)
    {
        for (int t = 1; t <= serving; t++) yield return TestLines.Line(target: Target(t));
        for (int i = 0; i < failures; i++) yield return TestLines.Line(target: Target(failing[i % failing.Length]), times: Closed, status: "502 -");
    }

    private static HypothesisReport[] ClosedHypotheses(AnalysisReport report) =>
        report.Causes.Single(c => c.Info.Cause == Http502Cause.TargetClosedConnection).Hypotheses.ToArray();

    private static string[] EntryHypotheses(string entries) =>
        entries.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("elbStatus").GetInt32() == 502).Select(e => e.GetProperty("hypothesis").GetString()!).ToArray();

    [Theory]
    [InlineData(6, 6, new[] { 1 }, Hypothesis.TargetCrash)] // one target of six, six failures
    [InlineData(6, 6, new[] { 1, 2 }, Hypothesis.TargetCrash)] // a third of the targets: still concentrated
    [InlineData(6, 6, new[] { 1, 2, 3 }, Hypothesis.KeepAliveRace)] // half the targets: spread
    [InlineData(6, 5, new[] { 1 }, Hypothesis.KeepAliveRace)] // fewer failures than serving targets: nothing to tell
    [InlineData(3, 3, new[] { 1 }, Hypothesis.TargetCrash)] // the smallest group where concentration shows
    [InlineData(2, 6, new[] { 1 }, Hypothesis.KeepAliveRace)] // two targets: too few to tell
    public void ClosedConnections_ConcentratedOnAFewTargetsOfTheGroup_AreTargetCrash(int serving, int failures, int[] failing, Hypothesis expected)
    {
        var (report, entries) = Analyze(Group(serving, failures, failing));

        var hypothesis = Assert.Single(ClosedHypotheses(report));
        var alternative = expected == Hypothesis.TargetCrash ? Hypothesis.KeepAliveRace : Hypothesis.TargetCrash;
        Assert.Equal((expected, (long)failures, alternative), (hypothesis.Info.Hypothesis, hypothesis.Count, hypothesis.Alternative));
        Assert.Equal(CauseCatalog.Get(expected).Confidence, hypothesis.Confidence);
        Assert.All(EntryHypotheses(entries), id => Assert.Equal(CauseCatalog.Id(expected), id));
    }

    [Theory]
    [InlineData("2026-11-24T10:02:00.000000Z", Hypothesis.LongRequestCut)] // the others served 60 s on: it left
    [InlineData("2026-11-24T10:01:59.999000Z", Hypothesis.KeepAliveRace)] // just under a minute: no proof
    public void ClosedConnection_OnATargetNotSeenAgainWhileTheOthersServe_IsLongRequestCut(string othersLater, Hypothesis expected)
    {
        var lines = new[]
        {
            TestLines.Line(target: Target(1), time: "2026-11-24T10:00:00.000000Z", created: "2026-11-24T09:59:59.990000Z"),
            TestLines.Line(target: Target(2), time: "2026-11-24T10:00:00.500000Z", created: "2026-11-24T10:00:00.490000Z"),
            TestLines.Line(target: Target(1), time: "2026-11-24T10:01:00.000000Z", created: "2026-11-24T10:00:55.795000Z", times: Closed, status: "502 -"),
            TestLines.Line(target: Target(2), time: othersLater, created: "2026-11-24T10:01:59.000000Z"),
        };

        var (report, entries) = Analyze(lines);

        var hypothesis = Assert.Single(ClosedHypotheses(report));
        Assert.Equal(expected, hypothesis.Info.Hypothesis);
        Assert.Equal(CauseCatalog.Id(expected), Assert.Single(EntryHypotheses(entries)));
    }

    [Fact]
    public void ClosedConnection_OnATargetThatServedNothingElse_IsNoDisappearance()
    {
        var lines = new[]
        {
            TestLines.Line(target: Target(1), time: "2026-11-24T10:01:00.000000Z", created: "2026-11-24T10:00:55.795000Z", times: Closed, status: "502 -"),
            TestLines.Line(target: Target(2), time: "2026-11-24T10:04:00.000000Z", created: "2026-11-24T10:03:59.990000Z"),
        };

        Assert.Equal(Hypothesis.KeepAliveRace, Assert.Single(ClosedHypotheses(Analyze(lines).Report)).Info.Hypothesis);
    }

    [Fact]
    public void ClosedConnection_LongTargetTime_StaysLongRequestCutWhateverTheWindow()
    {
        var lines = Group(6, 6, 1).Append(TestLines.Line(target: Target(1), times: "0.001 31.500 -1", status: "502 -"));

        var hypotheses = ClosedHypotheses(Analyze(lines).Report);

        Assert.Equal([(Hypothesis.TargetCrash, 6L), (Hypothesis.LongRequestCut, 1L)], hypotheses.Select(h => (h.Info.Hypothesis, h.Count)));
    }

    [Fact]
    public void ConnectionFailures_AfterTheHandshakeTimeout_StayTlsHandshakeTimeoutBesideTheTargetsVerdict()
    {
        var lines = new[]
        {
            TestLines.Line(target: "10.0.2.1:443", times: "-1 -1 -1", status: "502 -", created: "2026-11-24T10:03:02.113000Z"),
            TestLines.Line(target: "10.0.2.1:443", times: "-1 -1 -1", status: "502 -"),
            TestLines.Line(target: "10.0.2.1:443"),
        };

        var (report, entries) = Analyze(lines);

        var hypotheses = report.Causes.Single(c => c.Info.Cause == Http502Cause.TargetConnectionFailed).Hypotheses;
        Assert.Equal([(Hypothesis.TlsHandshake, 1L, Hypothesis.Intermittent), (Hypothesis.TlsHandshakeTimeout, 1L, Hypothesis.None)],
            hypotheses.Select(h => (h.Info.Hypothesis, h.Count, h.Alternative)).OrderBy(h => h.Hypothesis));
        Assert.Equal(["tls-handshake-timeout", "tls-handshake"], EntryHypotheses(entries));
    }

    [Fact]
    public void Spread_CountsTheTargetsOfTheSameGroupsThatServed()
    {
        var other = TestLines.TargetGroup.Replace("web/", "api/", StringComparison.Ordinal);
        var lines = Group(4, 2, 1, 2).Append(TestLines.Line(target: Target(9), targetGroup: other));

        var cause = Analyze(lines).Report.Causes.Single(c => c.Info.Cause == Http502Cause.TargetClosedConnection);

        Assert.Equal(new Spread(2, 4), cause.Spread);
    }
}
