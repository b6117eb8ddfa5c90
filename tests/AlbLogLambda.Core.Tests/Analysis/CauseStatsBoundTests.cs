using System.Globalization;
using System.Text;
using System.Text.Json;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Rendering;

namespace AlbLogLambda.Core.Tests.Analysis;

/// <summary>
/// A cause's codes and timeline minutes stay bounded like the per-key tallies, however a hostile object spreads its
/// 502s (a new error_reason on every line, one entry per minute over years), and every output says which counts are
/// approximate.
/// </summary>
public class CauseStatsBoundTests
{
    private static long MinuteTicks(int i) => new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i * 97L).UtcTicks;

    [Fact]
    public void MinuteCounts_EntriesSpreadOverYears_NeverHoldMoreThanTheCapacity_KeepThePeakExact_AndLoseNothing()
    {
        const int Capacity = 1_000;
        var minutes = new MinuteCounts(Capacity);
        long peak = MinuteTicks(-1);
        minutes.Add(peak, 500);
        int largest = 0;
        for (int i = 0; i < 200_000; i++)
        {
            minutes.Add(MinuteTicks(i));
            largest = Math.Max(largest, minutes.Count);
        }

        var timeline = minutes.ToTimeline();
        Assert.Equal(Capacity, largest);
        Assert.InRange(timeline.Length, 1, Capacity);
        Assert.Contains(new MinuteCount(new DateTimeOffset(peak, TimeSpan.Zero), 500), timeline);
        Assert.Equal(500 + 200_000, timeline.Sum(m => m.Count) + minutes.FoldedEntries);
        Assert.True(minutes.Folded >= 200_000 - Capacity, $"folded {minutes.Folded}");
        Assert.All(timeline.Where(m => m.Count != 500), m => Assert.True(m.Approximate));
        Assert.Equal(timeline.OrderBy(m => m.Minute), timeline);
    }

    [Fact]
    public void MinuteCounts_UnderTheCapacity_AreExactAndFoldNothing()
    {
        var minutes = new MinuteCounts(1_000);
        for (int i = 0; i < 1_000; i++) minutes.Add(MinuteTicks(i), 2);

        Assert.Equal((1_000, 0L, UntrackedTally.None), (minutes.Count, minutes.Folded, minutes.Untracked));
        Assert.All(minutes.ToTimeline(), m => Assert.Equal((2L, false), (m.Count, m.Approximate)));
    }

    [Fact]
    public void MinuteCounts_Merge_AddsTheOtherObjectsFoldsAndKeepsItsApproximateMarks()
    {
        var one = new MinuteCounts(4);
        var two = new MinuteCounts(4);
        for (int i = 0; i < 10; i++) two.Add(MinuteTicks(i), i + 1);
        one.Add(MinuteTicks(9), 100);

        one.Merge(two);

        var timeline = one.ToTimeline();
        Assert.InRange(timeline.Length, 1, 4);
        Assert.Equal(100 + Enumerable.Range(1, 10).Sum(), timeline.Sum(m => m.Count) + one.FoldedEntries);
        Assert.Equal((110L, true), (timeline.Single(m => m.Minute.UtcTicks == MinuteTicks(9)).Count, timeline.Single(m => m.Minute.UtcTicks == MinuteTicks(9)).Approximate));
    }

    [Fact]
    public void CodeCounts_InventedCodeOnEveryEntry_StayBounded_KeepTheRealCodeExact_AndAddUp()
    {
        var codes = new CodeCounts();
        for (int i = 0; i < 100_000; i++)
        {
            if (i % 10 == 0) codes.Add("TargetConnectionError"u8);
            codes.Add(Encoding.ASCII.GetBytes($"Invented.{i}"));
        }

        var ranked = codes.Ranked();
        Assert.InRange(ranked.Count, 2, CodeCounts.MaxCodes + 1);
        Assert.Equal(new CodeCount("TargetConnectionError", 10_000), ranked.Single(c => c.Code == "TargetConnectionError"));
        var others = ranked.Single(c => c.Code == CodeCounts.OtherCodes);
        Assert.Equal(110_000, ranked.Sum(c => c.Count));
        Assert.Equal(codes.Untracked.Entries, others.Count);
        Assert.True(codes.Untracked.Keys >= 100_000 - CodeCounts.MaxCodes);
        Assert.All(ranked.Where(c => c.Code.StartsWith("Invented.", StringComparison.Ordinal)), c => Assert.True(c.Approximate));
    }

    [Fact]
    public void CodeCounts_ALogCodeThatReadsLikeTheOthersEntry_JoinsItInsteadOfRepeatingTheName()
    {
        var codes = new CodeCounts();
        codes.Add(Encoding.ASCII.GetBytes(CodeCounts.OtherCodes), 7);
        for (int i = 0; i < 1_000; i++) codes.Add(Encoding.ASCII.GetBytes($"Invented.{i}"));

        var ranked = codes.Ranked();

        Assert.Equal(ranked.Count, ranked.Select(c => c.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(1_007, ranked.Sum(c => c.Count));
    }

    [Fact]
    public void Analyze_502sSpreadOverYearsWithAnInventedReasonEach_BoundedAndMarkedApproximateInEveryReport()
    {
        const int Capacity = 1_000;
        const int Spread = 20_000;
        var log = new StringBuilder();
        // A real outage first, 300 502s of one reason in one minute, then the noise: the outage is never folded away.
        for (int i = 0; i < 300; i++) log.Append(TestLines.Line(status: "502 -", times: "-1 -1 -1", errorReason: "Invented.peak")).Append('\n');
        for (int i = 0; i < Spread; i++)
        {
            var time = new DateTimeOffset(MinuteTicks(i), TimeSpan.Zero).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
            log.Append(TestLines.Line(time: time, created: time, status: "502 -", times: "-1 -1 -1", errorReason: $"Invented.{i}")).Append('\n');
        }
        using var session = new AnalysisSession(new AnalysisOptions { MaxTrackedKeys = Capacity });

        var outcome = session.Analyze("spread.log", new MemoryStream(TestLines.Utf8(log.ToString())));
        var report = session.BuildReport();

        Assert.Equal(ObjectStatus.Ok, outcome.Status);
        var cause = Assert.Single(report.Causes);
        Assert.Equal(Spread + 300, cause.Count);
        Assert.InRange(cause.Timeline.Count, 1, Capacity);
        Assert.InRange(cause.EvidenceCodes.Count, 1, CodeCounts.MaxCodes + 1);
        Assert.Equal(cause.Count, cause.Timeline.Sum(m => m.Count) + cause.UntrackedMinutes.Entries);
        Assert.Equal(cause.Count, cause.EvidenceCodes.Sum(c => c.Count));
        Assert.Contains(cause.Timeline, m => m.Count == 300 && !m.Approximate);
        Assert.Contains(cause.EvidenceCodes, c => c is { Code: "Invented.peak", Count: 300, Approximate: false });
        Assert.Contains(cause.Timeline, m => m.Approximate);

        var json = new MemoryStream();
        JsonReportWriter.Write(json, report);
        var written = JsonDocument.Parse(json.ToArray()).RootElement;
        var causeJson = written.GetProperty("causes")[0];
        Assert.Equal(cause.UntrackedMinutes.Keys, causeJson.GetProperty("untracked").GetProperty("minutes").GetProperty("folded").GetInt64());
        Assert.Equal(cause.UntrackedCodes.Entries, causeJson.GetProperty("untracked").GetProperty("codes").GetProperty("entries").GetInt64());
        Assert.Contains(causeJson.GetProperty("timeline").EnumerateArray(), m => m.GetProperty("approximate").GetBoolean());
        Assert.Contains(causeJson.GetProperty("evidence").GetProperty("approximateCodes").EnumerateArray(), c => c.GetString()!.StartsWith("Invented.", StringComparison.Ordinal));
        Assert.Equal(CodeCounts.MaxCodes, written.GetProperty("untracked").GetProperty("maxTrackedCodes").GetInt32());

        var text = TextReportRenderer.Render(report);
        Assert.Contains("More distinct minutes than the 1,000 counted one by one", text, StringComparison.Ordinal);
        Assert.Contains("More distinct codes than the 64 counted one by one", text, StringComparison.Ordinal);
        Assert.Contains(" at least 1", text, StringComparison.Ordinal);

        var html = HtmlReportRenderer.Render(report);
        Assert.Contains("each bar is", html, StringComparison.Ordinal);
        Assert.Contains("More distinct minutes than the 1,000 counted one by one", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_UnderTheCaps_ReportsExactCodesAndMinutes()
    {
        var log = string.Concat(Enumerable.Range(0, 50).Select(i => TestLines.Line(status: "502 -", times: "-1 -1 -1", errorReason: $"Reason.{i % 5}") + "\n"));
        using var session = new AnalysisSession(new AnalysisOptions { MaxTrackedKeys = 1_000 });
        session.Analyze("calm.log", new MemoryStream(TestLines.Utf8(log)));

        var cause = Assert.Single(session.BuildReport().Causes);

        Assert.Equal((UntrackedTally.None, UntrackedTally.None), (cause.UntrackedCodes, cause.UntrackedMinutes));
        Assert.All(cause.EvidenceCodes, c => Assert.Equal((10L, false), (c.Count, c.Approximate)));
        Assert.Equal(new MinuteCount(new DateTimeOffset(2026, 11, 24, 10, 3, 0, TimeSpan.Zero), 50), Assert.Single(cause.Timeline));
        Assert.DoesNotContain("at least", TextReportRenderer.Render(session.BuildReport()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0000-01-01T00:00:00.000000Z")]
    [InlineData("9999-12-31T23:59:59.999999Z")]
    public void Analyze_EntriesAtTheEdgesOfTheCalendar_AreCountedWithoutBreakingAnyReport(string edge)
    {
        // A hostile line may carry any four digits as its year: year 0 has no calendar, and 0001 to 9999 span more
        // minutes than an int holds.
        var log = TestLines.Line(time: edge, created: edge, status: "502 -", times: "-1 -1 -1") + "\n"
            + TestLines.Line(time: "0001-01-01T00:00:00.000000Z", created: "0001-01-01T00:00:00.000000Z", status: "502 -", times: "-1 -1 -1") + "\n"
            + TestLines.Line(status: "502 -", times: "-1 -1 -1") + "\n";
        using var session = new AnalysisSession(new AnalysisOptions());

        var outcome = session.Analyze("edges.log", new MemoryStream(TestLines.Utf8(log)));
        var report = session.BuildReport();

        Assert.Equal((ObjectStatus.Ok, 3L), (outcome.Status, report.Http502.Total));
        using var json = new MemoryStream();
        JsonReportWriter.Write(json, report);
        Assert.Equal(3, JsonDocument.Parse(json.ToArray()).RootElement.GetProperty("http502").GetProperty("total").GetInt32());
        Assert.Contains("HTTP 502 triage: 3 errors", TextReportRenderer.Render(report), StringComparison.Ordinal);
        Assert.Contains("<svg", HtmlReportRenderer.Render(report), StringComparison.Ordinal);
    }
}
