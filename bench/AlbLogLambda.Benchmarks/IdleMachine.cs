using System.Globalization;

namespace AlbLogLambda.Benchmarks;

/// <summary>Waits for the CPUs to be idle (Linux <c>/proc/stat</c>), so that other work on a shared machine disturbs fewer runs.</summary>
internal static class IdleMachine
{
    /// <summary>The machine counts as idle when at least this share of CPU time was idle over 0.4 s.</summary>
    public const int IdlePercent = 85;

    /// <summary>True once the machine is idle; false when <paramref name="limit"/> passed first (or /proc/stat is not there).</summary>
    public static async Task<bool> WaitAsync(TimeSpan limit)
    {
        if (!File.Exists("/proc/stat")) return false;
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var (total1, idle1) = Sample();
            await Task.Delay(400);
            var (total2, idle2) = Sample();
            long total = Math.Max(1, total2 - total1);
            if (100 * (idle2 - idle1) / total >= IdlePercent) return true;
            if (DateTime.UtcNow >= deadline) return false;
        }
    }

    /// <summary>(all jiffies, idle + iowait jiffies) from the first line of /proc/stat: "cpu user nice system idle iowait irq softirq steal ...".</summary>
    private static (long Total, long Idle) Sample()
    {
        using var reader = new StreamReader("/proc/stat");
        var fields = (reader.ReadLine() ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long total = 0;
        for (int i = 1; i < Math.Min(fields.Length, 9); i++) total += long.Parse(fields[i], CultureInfo.InvariantCulture);
        long idle = long.Parse(fields[4], CultureInfo.InvariantCulture) + long.Parse(fields[5], CultureInfo.InvariantCulture);
        return (total, idle);
    }
}
