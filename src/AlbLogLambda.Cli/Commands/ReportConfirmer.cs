using AlbLogLambda.Core.Analysis;
using AlbLogLambda.Core.Evidence;
using AlbLogLambda.Core.ObjectKeys;
using AlbLogLambda.Core.Rendering;

namespace AlbLogLambda.Cli.Commands;

/// <summary>
/// <c>alblog analyze --confirm</c>: asks CloudWatch and ELBv2 about the report's load balancer over its window, as
/// the function does before it publishes. Off unless asked, so that the CLI needs no AWS account by default.
/// </summary>
internal static class ReportConfirmer
{
    /// <summary>The outcome: the report with its hypotheses settled, the confirmation (null when none could be asked), the exit code it calls for.</summary>
    public sealed record Outcome(AnalysisReport Report, ReportConfirmation? Confirmation, int ExitCode);

    /// <param name="report">The analysis.</param>
    /// <param name="sources">The inputs' names: an ALB object name gives the region and the account.</param>
    /// <param name="region">--region; null to take it from the object names, AWS_REGION or the target group ARNs, in that order.</param>
    /// <param name="createSource">Makes the evidence source (the function's, over the default credential chain).</param>
    /// <param name="error">Where the one-line reasons go.</param>
    /// <param name="cancellationToken">Stops the calls (the source has its own budget besides).</param>
    public static async Task<Outcome> ConfirmAsync(
        AnalysisReport report,
        IEnumerable<string> sources,
        string? region,
        Func<IEvidenceSource> createSource,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        if (report.LoadBalancers.Count == 0)
        {
            error.WriteLine("alblog: --confirm: no load balancer in these logs, nothing to confirm");
            return new Outcome(report, null, ExitCodes.Ok);
        }
        if (report.LoadBalancers.Count > 1)
        {
            // One report mixes their causes; CloudWatch's figures are per load balancer, so a verdict would mix them too.
            error.WriteLine(
                $"alblog: --confirm: these logs hold {report.LoadBalancers.Count:N0} load balancers ({string.Join(", ", report.LoadBalancers.Take(3).Select(l => InertText.Escape(l.LoadBalancer)))}"
                + $"{(report.LoadBalancers.Count > 3 ? ", ..." : "")}); CloudWatch is asked per load balancer: analyze one load balancer's files at a time");
            return new Outcome(report, null, ExitCodes.InputFailed);
        }
        if (report.Window.First is not { } first || report.Window.Last is not { } last)
        {
            error.WriteLine("alblog: --confirm: no entry with a time in these logs, nothing to confirm");
            return new Outcome(report, null, ExitCodes.Ok);
        }

        string loadBalancer = report.LoadBalancers[0].LoadBalancer;
        var keys = sources.Select(s => AlbLogObjectKey.TryParse(s, out var key) && key.LoadBalancerId == loadBalancer ? key : null).Where(k => k is not null).ToArray();
        var arns = report.TargetGroups.Select(g => g.TargetGroup).ToArray();
        // --region was checked before reading (AnalyzeCommand). The operator's settings come before what the logs
        // say, and a region from the logs must look like one: it names the host that signed requests go to.
        region = NonEmpty(region) ?? keys.Select(k => k!.Region).FirstOrDefault(RegionNames.IsWellFormed)
            ?? WellFormed(Environment.GetEnvironmentVariable("AWS_REGION"))
            ?? WellFormed(Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION"))
            ?? arns.Select(TargetGroupArns.Region).FirstOrDefault(r => r is not null);
        if (region is null)
        {
            error.WriteLine("alblog: --confirm needs the load balancer's region: the file names, AWS_REGION and the target group ARNs name none; pass --region REGION");
            return new Outcome(report, null, ExitCodes.InputFailed);
        }

        var request = new EvidenceRequest(loadBalancer, arns, first, last, region)
        {
            AccountId = keys.FirstOrDefault()?.AccountId ?? arns.Select(TargetGroupArns.AccountId).FirstOrDefault(a => a is not null),
        };
        IEvidenceSource source;
        try
        {
            source = createSource();
        }
        catch (FormatException e)
        {
            // A malformed endpoint override (AWS_ENDPOINT_URL...) is the user's to fix: one line, no trace.
            error.WriteLine($"alblog: --confirm: {e.Message}");
            return new Outcome(report, null, ExitCodes.InputFailed);
        }
        try
        {
            var evidence = await source.GatherAsync(request, cancellationToken).ConfigureAwait(false);
            var confirmation = ReportConfirmation.Of(report, loadBalancer, evidence, request.Window);
            return new Outcome(confirmation.ApplyTo(report), confirmation, ExitCodes.Ok);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Evidence never fails a run: the report goes out as the log alone gives it.
            error.WriteLine($"alblog: --confirm: no confirmation: {InertText.Escape(e.Message)}");
            return new Outcome(report, null, ExitCodes.Ok);
        }
        finally
        {
            (source as IDisposable)?.Dispose();
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? WellFormed(string? value) => NonEmpty(value) is { } region && RegionNames.IsWellFormed(region) ? region : null;
}
