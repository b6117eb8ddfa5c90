namespace AlbLogLambda.Generation;

/// <summary>
/// Relative weights of every <see cref="GeneratedLineKind"/>. The generator turns them into exact counts
/// (largest-remainder apportionment of <see cref="GeneratorOptions.Lines"/>), so a weight that gets a
/// share of at least one line always appears, and a mix whose weights sum to the line count gives
/// exactly those counts.
/// </summary>
public sealed record CauseMix
{
    public int Success2xx { get; init; }
    public int Redirect3xx { get; init; }
    public int Client4xx { get; init; }
    public int WebSocket101 { get; init; }
    public int Neighbor500 { get; init; }
    public int Neighbor503 { get; init; }
    public int Neighbor504 { get; init; }
    public int Neighbor460 { get; init; }
    public int TargetDown { get; init; }
    public int ConnectIntermittent { get; init; }
    public int ConnectTlsHandshake { get; init; }
    public int KeepAliveRace { get; init; }
    public int LongRequestCut { get; init; }
    public int ClosedMidRequest { get; init; }
    public int LambdaResponseTooLarge { get; init; }
    public int LambdaUnhandled { get; init; }
    public int LambdaThrottled { get; init; }
    public int LambdaInvalidResponse { get; init; }
    public int LambdaError { get; init; }
    public int FixedResponse502 { get; init; }
    public int LoadBalancerOther502 { get; init; }
    public int TargetReturned502 { get; init; }
    public int TargetResponseInvalid { get; init; }
    public int LambdaInternalError { get; init; }
    public int ConnectTlsHandshakeTimeout { get; init; }
    public int TargetCrash { get; init; }

    /// <summary>
    /// Production-like traffic, per 10,000 entries: 86 % success, 5 % redirects, 6 % client errors,
    /// 1.3 % 5xx neighbours and about 1.4 % of 502s spread over every cause.
    /// </summary>
    public static CauseMix Default { get; } = new()
    {
        Success2xx = 8595,
        Redirect3xx = 500,
        Client4xx = 600,
        WebSocket101 = 20,
        Neighbor500 = 40,
        Neighbor503 = 20,
        Neighbor504 = 30,
        Neighbor460 = 40,
        TargetDown = 15,
        ConnectIntermittent = 10,
        ConnectTlsHandshake = 5,
        KeepAliveRace = 40,
        LongRequestCut = 3,
        ClosedMidRequest = 10,
        LambdaResponseTooLarge = 3,
        LambdaUnhandled = 8,
        LambdaThrottled = 5,
        LambdaInvalidResponse = 5,
        LambdaError = 3,
        FixedResponse502 = 5,
        LoadBalancerOther502 = 3,
        TargetReturned502 = 25,
        TargetResponseInvalid = 3,
        LambdaInternalError = 2,
        ConnectTlsHandshakeTimeout = 2,
        TargetCrash = 8,
    };

    /// <summary>The weight of one kind.</summary>
    public int WeightOf(GeneratedLineKind kind) => kind switch
    {
        GeneratedLineKind.Success2xx => Success2xx,
        GeneratedLineKind.Redirect3xx => Redirect3xx,
        GeneratedLineKind.Client4xx => Client4xx,
        GeneratedLineKind.WebSocket101 => WebSocket101,
        GeneratedLineKind.Neighbor500 => Neighbor500,
        GeneratedLineKind.Neighbor503 => Neighbor503,
        GeneratedLineKind.Neighbor504 => Neighbor504,
        GeneratedLineKind.Neighbor460 => Neighbor460,
        GeneratedLineKind.TargetDown => TargetDown,
        GeneratedLineKind.ConnectIntermittent => ConnectIntermittent,
        GeneratedLineKind.ConnectTlsHandshake => ConnectTlsHandshake,
        GeneratedLineKind.KeepAliveRace => KeepAliveRace,
        GeneratedLineKind.LongRequestCut => LongRequestCut,
        GeneratedLineKind.ClosedMidRequest => ClosedMidRequest,
        GeneratedLineKind.LambdaResponseTooLarge => LambdaResponseTooLarge,
        GeneratedLineKind.LambdaUnhandled => LambdaUnhandled,
        GeneratedLineKind.LambdaThrottled => LambdaThrottled,
        GeneratedLineKind.LambdaInvalidResponse => LambdaInvalidResponse,
        GeneratedLineKind.LambdaError => LambdaError,
        GeneratedLineKind.FixedResponse502 => FixedResponse502,
        GeneratedLineKind.LoadBalancerOther502 => LoadBalancerOther502,
        GeneratedLineKind.TargetReturned502 => TargetReturned502,
        GeneratedLineKind.TargetResponseInvalid => TargetResponseInvalid,
        GeneratedLineKind.LambdaInternalError => LambdaInternalError,
        GeneratedLineKind.ConnectTlsHandshakeTimeout => ConnectTlsHandshakeTimeout,
        GeneratedLineKind.TargetCrash => TargetCrash,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown line kind."),
    };

    /// <summary>
    /// Exact number of entries of each kind for <paramref name="lines"/> entries: each kind gets the floor
    /// of its share, and the lines left over go to the largest fractional remainders (ties: earlier kind).
    /// </summary>
    public IReadOnlyDictionary<GeneratedLineKind, long> Apportion(int lines)
    {
        long[] counts = ApportionCounts(lines);
        var result = new Dictionary<GeneratedLineKind, long>(counts.Length);
        for (int k = 0; k < counts.Length; k++)
        {
            result[(GeneratedLineKind)k] = counts[k];
        }
        return result;
    }

    internal static int KindCount { get; } = Enum.GetValues<GeneratedLineKind>().Length;

    internal long[] ApportionCounts(int lines)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lines);
        int kinds = KindCount;
        long total = 0;
        for (int k = 0; k < kinds; k++)
        {
            int weight = WeightOf((GeneratedLineKind)k);
            if (weight < 0)
            {
                throw new ArgumentException($"The weight of {(GeneratedLineKind)k} is negative ({weight}).", nameof(lines));
            }
            total += weight;
        }
        if (total == 0)
        {
            throw new ArgumentException("The cause mix has no positive weight.", nameof(lines));
        }

        var counts = new long[kinds];
        var remainders = new long[kinds];
        long assigned = 0;
        for (int k = 0; k < kinds; k++)
        {
            long share = (long)lines * WeightOf((GeneratedLineKind)k);
            counts[k] = share / total;
            remainders[k] = share % total;
            assigned += counts[k];
        }
        for (long left = lines - assigned; left > 0; left--)
        {
            int best = 0;
            for (int k = 1; k < kinds; k++)
            {
                if (remainders[k] > remainders[best])
                {
                    best = k;
                }
            }
            counts[best]++;
            remainders[best] = -1;
        }
        return counts;
    }
}
