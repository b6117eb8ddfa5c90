using System.Text;
using System.Text.Json;
using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Classification;
using AlbLogLambda.Core.Rendering;

namespace AlbLogLambda.Core.Tests.Analysis;

/// <summary>Per-key tallies stay bounded however many distinct keys an object holds (issue: 3 million targets).</summary>
public class BoundedTallyTests
{
    [Fact]
    public void GetOrAdd_ManyDistinctKeys_NeverHoldsMoreThanTheCapacity_AndKeepsTheHeavyHitterExact()
    {
        const int Capacity = 1_000;
        var map = new ByteKeyMap<LoadBalancerStats>(Capacity);
        var heavy = "heavy"u8.ToArray();
        long total = 0;
        int largest = 0;

        for (int i = 0; i < 100_000; i++)
        {
            map.GetOrAdd(Encoding.ASCII.GetBytes($"key-{i}"), static _ => new LoadBalancerStats()).Entries++;
            total++;
            if (i % 10 == 0)
            {
                map.GetOrAdd(heavy, static _ => new LoadBalancerStats()).Entries++;
                total++;
            }
            largest = Math.Max(largest, map.Count);
        }

        Assert.Equal(Capacity, largest);
        var kept = map.Find(heavy);
        Assert.NotNull(kept);
        Assert.Equal((10_000L, false), (kept.Entries, kept.Approximate));
        // Nothing is lost: what was folded away is in the others tally.
        Assert.Equal(total, map.Items.Sum(kv => kv.Value.Entries) + map.Others!.Entries);
        Assert.True(map.Evicted >= 99_000 - Capacity, $"folded {map.Evicted}");
        Assert.All(map.Items.Where(kv => kv.Value != kept), kv => Assert.True(kv.Value.Approximate));
    }

    [Fact]
    public void GetOrAdd_UnderTheCapacity_IsExactAndFoldsNothing()
    {
        var map = new ByteKeyMap<LoadBalancerStats>(1_000);
        for (int i = 0; i < 1_000; i++) map.GetOrAdd(Encoding.ASCII.GetBytes($"key-{i}"), static _ => new LoadBalancerStats()).Entries++;

        Assert.Equal((1_000, 0L), (map.Count, map.Evicted));
        Assert.Null(map.Others);
        Assert.All(map.Items, kv => Assert.False(kv.Value.Approximate));
    }

    [Fact]
    public void Analyze_ManyDistinctTargets_BoundedCounts_ExactWorstTarget_AndNothingLostFromTheTotals()
    {
        const int Capacity = 1_000;
        const int Distinct = 60_000;
        var log = new StringBuilder();
        for (int i = 0; i < Distinct; i++)
        {
            // Every 37th distinct target fails its one request to connect: more of those than the map holds.
            bool fails = i % 37 == 0;
            log.Append(TestLines.Line(target: $"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}:8080", times: fails ? "-1 -1 -1" : "0.001 0.012 0.000",
                status: fails ? "502 -" : "200 200", targetGroup: TestLines.TargetGroup + i.ToString("x", System.Globalization.CultureInfo.InvariantCulture))).Append('\n');
            if (i % 20 == 0) log.Append(TestLines.Line(target: "10.255.0.1:8080", times: "0.001 0.004 -1", status: "502 -")).Append('\n');
        }
        var options = new AnalysisOptions { MaxTrackedKeys = Capacity };
        using var accumulator = new LogAccumulator(options, new Http502Classifier([]));

        var outcome = LogObjectReader.Read("many.log", new MemoryStream(TestLines.Utf8(log.ToString())), accumulator, options, default);
        using var session = new AnalysisSession(options);
        session.Analyze("many.log", new MemoryStream(TestLines.Utf8(log.ToString())));
        var report = session.BuildReport();

        Assert.Equal(ObjectStatus.Ok, outcome.Status);
        Assert.InRange(accumulator.Targets.Count, 1, Capacity);
        Assert.InRange(accumulator.TargetGroups.Count, 1, Capacity);
        var worst = report.Targets[0];
        Assert.Equal(("10.255.0.1:8080", 3_000L, 3_000L, false), (worst.Target, worst.Http502, worst.Requests, worst.Approximate));
        Assert.True(report.OtherTargets.Keys > 0);
        Assert.True(report.OtherTargetGroups.Keys > 0);
        // The connection failures of folded targets still count in their cause's hypotheses.
        var connection = report.Causes.Single(c => c.Info.Cause == Http502Cause.TargetConnectionFailed);
        Assert.Equal(connection.Count, connection.Hypotheses.Sum(h => h.Count));
        Assert.Equal((Distinct + 36) / 37, connection.Count);

        var json = new MemoryStream();
        JsonReportWriter.Write(json, report);
        var untracked = JsonDocument.Parse(json.ToArray()).RootElement.GetProperty("untracked");
        Assert.Equal(Capacity, untracked.GetProperty("maxTrackedKeys").GetInt32());
        Assert.Equal(report.OtherTargets.Entries, untracked.GetProperty("targets").GetProperty("requests").GetInt64());
        Assert.Contains("counts marked approximate are lower bounds", TextReportRenderer.Render(report), StringComparison.Ordinal);
    }
}
