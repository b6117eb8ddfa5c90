using AlbLogLambda.Core.Classification;

namespace AlbLogLambda.Core.Analysis;

/// <summary>
/// The hypotheses that need the whole window rather than one line, settled per target (docs/causes.md gives each
/// rule and why): whether a failing target is down or intermittent, and whether closed connections are the
/// keep-alive race, a few crashing targets, or targets that left the group.
/// </summary>
internal static class WindowHypotheses
{
    /// <summary>Concentration needs a group of at least this many serving targets to be visible.</summary>
    public const int MinimumGroupTargets = 3;

    /// <summary>
    /// A target that left the group: after its last 502 another target of its group went on serving for at least
    /// this long, while it was not seen again. A healthy target of a group with traffic gets a request every few
    /// seconds, so a minute of silence while the others serve means it was out of rotation.
    /// </summary>
    public static readonly TimeSpan DisappearedAfter = TimeSpan.FromSeconds(60);

    public static void Settle(IReadOnlyList<TargetStats> targets)
    {
        foreach (var target in targets) target.ConnectionHypothesis = Connection(target);

        foreach (var group in targets.GroupBy(t => t.TargetGroup ?? "", StringComparer.Ordinal))
        {
            var members = group.ToArray();
            bool concentrated = IsConcentrated(members);
            var lastSeen = members.Select(t => t.Seen.Last).ToArray();
            foreach (var (target, index) in members.Select((t, i) => (t, i)))
            {
                if (target.ByCause[(int)Http502Cause.TargetClosedConnection] == 0) continue;
                DateTimeOffset? othersLastSeen = null;
                for (int i = 0; i < lastSeen.Length; i++)
                {
                    if (i != index && lastSeen[i] > (othersLastSeen ?? DateTimeOffset.MinValue)) othersLastSeen = lastSeen[i];
                }
                target.ClosedHypothesis = HasLeftTheGroup(target, othersLastSeen) ? (Hypothesis.LongRequestCut, Hypothesis.TargetCrash)
                    : concentrated ? (Hypothesis.TargetCrash, Hypothesis.KeepAliveRace)
                    : (Hypothesis.KeepAliveRace, Hypothesis.TargetCrash);
            }
        }
    }

    /// <summary>
    /// A target that failed every request it got in the window is down; one that also served requests fails
    /// intermittently. An HTTPS target makes a TLS handshake failure the leading hypothesis, the other the alternative.
    /// </summary>
    public static (Hypothesis Lead, Hypothesis Alternative) Connection(TargetStats target)
    {
        var reachability = target.ByCause[(int)Http502Cause.TargetConnectionFailed] >= target.Requests
            ? Hypothesis.TargetDown
            : Hypothesis.Intermittent;
        return target.SpeaksHttps ? (Hypothesis.TlsHandshake, reachability) : (reachability, Hypothesis.None);
    }

    /// <summary>
    /// The group's closed connections (other than long requests) concentrate on a few targets: at least
    /// <see cref="MinimumGroupTargets"/> targets served requests, the failures touched at most a third of them, and
    /// there were at least as many failures as serving targets. With that many failures spread at random, as a
    /// keep-alive mismatch spreads them, about two thirds of the targets or more would show some.
    /// </summary>
    public static bool IsConcentrated(IReadOnlyCollection<TargetStats> members)
    {
        long serving = members.Count(t => t.Requests > 0);
        long affected = 0, failures = 0;
        foreach (var t in members)
        {
            long closed = t.ByCause[(int)Http502Cause.TargetClosedConnection] - t.ClosedLong;
            if (closed <= 0) continue;
            affected++;
            failures += closed;
        }
        return serving >= MinimumGroupTargets && affected > 0 && affected * 3 <= serving && failures >= serving;
    }

    /// <summary>
    /// The target served other requests, its last entry in the window is one of these 502s, and another target of its
    /// group was still serving <see cref="DisappearedAfter"/> later. A lone line proves nothing: there is no other target.
    /// </summary>
    public static bool HasLeftTheGroup(TargetStats target, DateTimeOffset? othersLastSeen)
    {
        if (target.Requests <= target.ByCause[(int)Http502Cause.TargetClosedConnection]) return false;
        if (target.Closed.Last is not { } lastClosed || target.Seen.Last is not { } lastSeen || lastSeen > lastClosed) return false;
        return othersLastSeen >= lastClosed + DisappearedAfter;
    }
}
