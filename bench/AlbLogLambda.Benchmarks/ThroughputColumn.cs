using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace AlbLogLambda.Benchmarks;

/// <summary>How much log one benchmark invocation processes, for the throughput columns.</summary>
public interface IWorkload
{
    /// <summary>Lines processed per invocation (0 when lines are not the unit).</summary>
    long LinesPerInvocation { get; }

    /// <summary>Uncompressed log bytes processed per invocation (0 when not applicable).</summary>
    long BytesPerInvocation { get; }
}

/// <summary>
/// MB/s of uncompressed log (10^6 bytes) and ns per line, from the mean time. Computed in the BenchmarkDotNet host:
/// the workload sizes come from <see cref="BenchData.StatsFor"/>, which is deterministic and does not generate bytes.
/// </summary>
public sealed class ThroughputColumn(bool perLine) : IColumn
{
    public string Id => perLine ? "ns/line" : "MB/s";

    public string ColumnName => perLine ? "ns/line" : "MB/s (uncompressed)";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => perLine ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => perLine
        ? "Mean time divided by the lines processed per invocation"
        : "Uncompressed log bytes processed per second (10^6 bytes), from the mean time";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } statistics) return "-";
        if (Activator.CreateInstance(benchmarkCase.Descriptor.Type) is not IWorkload workload) return "-";
        double meanNs = statistics.Mean;
        if (perLine)
        {
            return workload.LinesPerInvocation > 0
                ? (meanNs / workload.LinesPerInvocation).ToString("0.0", CultureInfo.InvariantCulture)
                : "-";
        }
        return workload.BytesPerInvocation > 0
            ? (workload.BytesPerInvocation / (meanNs / 1e9) / 1e6).ToString("N0", CultureInfo.InvariantCulture)
            : "-";
    }
}
