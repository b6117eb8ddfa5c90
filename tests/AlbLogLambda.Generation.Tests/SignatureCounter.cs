using System.Globalization;

namespace AlbLogLambda.Generation.Tests;

/// <summary>
/// Reads generated text back with the log signatures of the cause catalog (the generator's ground-truth
/// rules, written independently of it), so tests can check that what the generator says it wrote is
/// what the text shows. Not the product's classifier.
/// </summary>
internal static class SignatureCounter
{
    public static Dictionary<GeneratedCauseKey, long> Count502(IEnumerable<string> lines)
    {
        var entries = lines.Select(SpecTokenizer.Split).Where(f => f.Count >= 25 && f[2].StartsWith("app/", StringComparison.Ordinal)).ToList();

        // Targets that answered a 2xx somewhere in the file.
        var served = entries.Where(f => f[4] != "-" && f[8].StartsWith('2')).Select(f => f[4]).ToHashSet();

        var counts = new Dictionary<GeneratedCauseKey, long>();
        foreach (var f in entries.Where(f => f[8] == "502"))
        {
            var key = Classify(f, served);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts;
    }

    private static GeneratedCauseKey Classify(List<string> f, HashSet<string> served)
    {
        string target = f[4];
        string targetStatus = f[9];
        string actions = f[22];
        string errorReason = f[24];
        if (actions.Split(',').Contains("fixed-response"))
        {
            return new(GeneratedCause.FixedResponse, null);
        }
        switch (errorReason)
        {
            case "LambdaResponseTooLarge": return new(GeneratedCause.LambdaResponseTooLarge, null);
            case "LambdaUnhandled": return new(GeneratedCause.LambdaUnhandled, null);
            case "LambdaThrottling": return new(GeneratedCause.LambdaThrottled, null);
            case "LambdaInvalidResponse": return new(GeneratedCause.LambdaInvalidResponse, null);
            case var e when e.StartsWith("Lambda", StringComparison.Ordinal): return new(GeneratedCause.LambdaError, null);
            case not "-": return new(GeneratedCause.LoadBalancerOther, null);
            default: break;
        }
        if (targetStatus == "502")
        {
            return new(GeneratedCause.TargetReturned502, null);
        }
        if (targetStatus != "-" || target == "-")
        {
            return new(GeneratedCause.LoadBalancerOther, null);
        }
        if (f[5] == "-1" && f[6] == "-1" && f[7] == "-1")
        {
            string hypothesis = target.EndsWith(":443", StringComparison.Ordinal) ? GeneratedCause.TlsHandshake
                : served.Contains(target) ? GeneratedCause.Intermittent
                : GeneratedCause.TargetDown;
            return new(GeneratedCause.TargetConnectionFailed, hypothesis);
        }
        if (f[7] == "-1")
        {
            double tpt = double.Parse(f[6], CultureInfo.InvariantCulture);
            string hypothesis = tpt < 0.010 ? GeneratedCause.KeepAliveRace
                : tpt >= 30 ? GeneratedCause.LongRequestCut
                : tpt is >= 0.05 and <= 29 ? GeneratedCause.ClosedMidRequest
                : "unexpected";
            return new(GeneratedCause.TargetClosedConnection, hypothesis);
        }
        return new("unexpected", null);
    }
}
