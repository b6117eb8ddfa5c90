namespace AlbLogLambda.Generation;

/// <summary>
/// The options of the committed generated logs under <c>tests/Fixtures/logs/</c> (the damaged files derived
/// from them are in <see cref="FixtureFiles"/>). Tests check the committed files' content against these;
/// after a deliberate generator change, <c>alblog generate --fixtures tests/Fixtures/logs</c> rewrites them.
/// </summary>
public static class AlbLogSample
{
    /// <summary>File name of the realistic sample: a real ALB key's base name (node 10.0.1.23, window ending 10:05Z).</summary>
    public const string FileName =
        "123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261124T1005Z_10.0.1.23_5h2k9x3a.log.gz";

    /// <summary>File name of the small three-member fixture.</summary>
    public const string MultiMemberFileName = "multi-member.log.gz";

    /// <summary>
    /// The realistic sample: 1,100 entries between 10:00:00Z and 10:05:00Z on 2026-11-24, seed 20261124,
    /// six web targets, gzip members of 400 lines (three members), optimal compression, the three oddities
    /// (one cut-off line after entry 366, 36 fields at entry 550, 29 fields at entry 733), and a mix
    /// whose weights sum to 1,100, so each weight is the exact count: 131 502s covering every cause and
    /// hypothesis, 48 5xx neighbours, 942 ordinary entries.
    /// </summary>
    public static GeneratorOptions Options { get; } = new()
    {
        Lines = 1100,
        Seed = 20261124,
        StartTime = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero),
        Duration = TimeSpan.FromMinutes(5),
        LoadBalancerId = "app/my-alb/50dc6c495c0c9188",
        Region = "us-east-1",
        AccountId = "123456789012",
        TargetCount = 6,
        LinesPerMember = 400,
        CompressionLevel = System.IO.Compression.CompressionLevel.Optimal,
        IncludeOddities = true,
        Mix = new CauseMix
        {
            Success2xx = 759,
            Redirect3xx = 60,
            Client4xx = 90,
            WebSocket101 = 12,
            Neighbor500 = 12,
            Neighbor503 = 10,
            Neighbor504 = 14,
            Neighbor460 = 12,
            TargetDown = 12,
            ConnectIntermittent = 8,
            ConnectTlsHandshake = 6,
            KeepAliveRace = 16,
            LongRequestCut = 5,
            ClosedMidRequest = 8,
            LambdaResponseTooLarge = 5,
            LambdaUnhandled = 8,
            LambdaThrottled = 6,
            LambdaInvalidResponse = 6,
            LambdaError = 6,
            FixedResponse502 = 5,
            LoadBalancerOther502 = 6,
            TargetReturned502 = 13,
            TargetResponseInvalid = 5,
            LambdaInternalError = 5,
            ConnectTlsHandshakeTimeout = 5,
            TargetCrash = 6,
        },
    };

    /// <summary>
    /// The small multi-member fixture: 12 entries in three gzip members of 4 lines, seed 3, with one
    /// 502 of each of four causes and a 503 among ordinary traffic.
    /// </summary>
    public static GeneratorOptions MultiMemberOptions { get; } = new()
    {
        Lines = 12,
        Seed = 3,
        StartTime = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero),
        Duration = TimeSpan.FromMinutes(5),
        TargetCount = 3,
        LinesPerMember = 4,
        Mix = new CauseMix
        {
            Success2xx = 6,
            Client4xx = 1,
            Neighbor503 = 1,
            TargetDown = 1,
            KeepAliveRace = 1,
            LambdaUnhandled = 1,
            TargetReturned502 = 1,
        },
    };

    /// <summary>Writes the realistic sample, gzip, exactly as committed.</summary>
    public static GenerationStats WriteGzip(Stream output) => AlbLogGenerator.WriteGzip(output, Options);

    /// <summary>Writes the small three-member fixture, exactly as committed.</summary>
    public static GenerationStats WriteMultiMemberGzip(Stream output) => AlbLogGenerator.WriteGzip(output, MultiMemberOptions);
}
