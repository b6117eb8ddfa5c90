using System.Globalization;
using AlbLogLambda.Core.Parsing;
using AlbLogLambda.Core.Tests.Parsing;

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
        var entries = lines.Select(ReferenceSplitter.Split).Where(f => f.Count > (int)AlbLogField.ErrorReason && f.At(AlbLogField.Elb).StartsWith("app/", StringComparison.Ordinal)).ToList();

        // Targets that answered a 2xx somewhere in the file.
        var served = entries.Where(f => f.At(AlbLogField.Target) != "-" && f.At(AlbLogField.ElbStatusCode).StartsWith('2')).Select(f => f.At(AlbLogField.Target)).ToHashSet();

        // Target groups whose closed connections (under 30 s) concentrate on at most a third of their serving targets,
        // with at least as many of them as serving targets (docs/causes.md, target-crash).
        var concentrated = entries.GroupBy(f => f.At(AlbLogField.TargetGroupArn)).Where(g =>
        {
            int serving = g.Where(f => f.At(AlbLogField.Target) != "-").Select(f => f.At(AlbLogField.Target)).Distinct().Count();
            var closed = g.Where(IsShortClosedConnection).ToList();
            int affected = closed.Select(f => f.At(AlbLogField.Target)).Distinct().Count();
            return serving >= 3 && affected > 0 && affected * 3 <= serving && closed.Count >= serving;
        }).Select(g => g.Key).ToHashSet();

        var counts = new Dictionary<GeneratedCauseKey, long>();
        foreach (var f in entries.Where(f => f.At(AlbLogField.ElbStatusCode) == "502"))
        {
            var key = Classify(f, served);
            if (key == new GeneratedCauseKey(GeneratedCause.TargetClosedConnection, GeneratedCause.KeepAliveRace)
                && concentrated.Contains(f.At(AlbLogField.TargetGroupArn)))
            {
                key = new(GeneratedCause.TargetClosedConnection, GeneratedCause.TargetCrash);
            }
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts;
    }

    private static bool IsShortClosedConnection(List<string> f) =>
        f.At(AlbLogField.ElbStatusCode) == "502" && f.At(AlbLogField.Target) != "-" && f.At(AlbLogField.TargetStatusCode) == "-"
        && f.At(AlbLogField.ErrorReason) == "-" && f.At(AlbLogField.ResponseProcessingTime) == "-1" && f.At(AlbLogField.RequestProcessingTime) != "-1"
        && (f.At(AlbLogField.TargetProcessingTime) == "-1" || double.Parse(f.At(AlbLogField.TargetProcessingTime), CultureInfo.InvariantCulture) < 30)
        && !f.At(AlbLogField.ActionsExecuted).Split(',').Contains("fixed-response");

    private static GeneratedCauseKey Classify(List<string> f, HashSet<string> served)
    {
        string target = f.At(AlbLogField.Target);
        string targetStatus = f.At(AlbLogField.TargetStatusCode);
        string actions = f.At(AlbLogField.ActionsExecuted);
        string errorReason = f.At(AlbLogField.ErrorReason);
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
            case "LambdaConnectionError" or "LambdaServiceException" or "LambdaUnhandledException": return new(GeneratedCause.LambdaInternalError, null);
            case var e when e.StartsWith("Lambda", StringComparison.Ordinal): return new(GeneratedCause.LambdaError, null);
            case not "-": return new(GeneratedCause.LoadBalancerOther, null);
            default: break;
        }
        if (targetStatus == "502")
        {
            return new(GeneratedCause.TargetReturned502, null);
        }
        if (target == "-")
        {
            return new(GeneratedCause.LoadBalancerOther, null);
        }
        if (targetStatus != "-")
        {
            return new(GeneratedCause.TargetResponseInvalid, null);
        }
        string rpt = f.At(AlbLogField.RequestProcessingTime), tpt = f.At(AlbLogField.TargetProcessingTime), rspt = f.At(AlbLogField.ResponseProcessingTime);
        if (rpt == "-1" && tpt == "-1" && rspt == "-1")
        {
            var elapsed = DateTimeOffset.Parse(f.At(AlbLogField.Time), CultureInfo.InvariantCulture)
                - DateTimeOffset.Parse(f.At(AlbLogField.RequestCreationTime), CultureInfo.InvariantCulture);
            string hypothesis = elapsed.TotalSeconds >= 9.5 ? GeneratedCause.TlsHandshakeTimeout
                : target.EndsWith(":443", StringComparison.Ordinal) ? GeneratedCause.TlsHandshake
                : served.Contains(target) ? GeneratedCause.Intermittent
                : GeneratedCause.TargetDown;
            return new(GeneratedCause.TargetConnectionFailed, hypothesis);
        }
        if (rspt == "-1" && rpt != "-1")
        {
            // Spread over the group's targets in generated logs: the keep-alive race unless the request ran 30 s or more.
            string hypothesis = tpt != "-1" && double.Parse(tpt, CultureInfo.InvariantCulture) >= 30 ? GeneratedCause.LongRequestCut : GeneratedCause.KeepAliveRace;
            return new(GeneratedCause.TargetClosedConnection, hypothesis);
        }
        if (rpt != "-1" && tpt != "-1" && rspt != "-1")
        {
            return new(GeneratedCause.TargetResponseInvalid, null);
        }
        return new("unexpected", null);
    }
}
