using System.CommandLine;
using System.Globalization;
using System.IO.Compression;
using AlbLogLambda.Generation;

namespace AlbLogLambda.Cli.Commands;

/// <summary>
/// `alblog generate`: realistic ALB access logs with a chosen mix of 502 causes, for benchmarks, demos
/// and trying the analysis on something larger than the sample. Deterministic for a given seed.
/// </summary>
internal static class GenerateCommand
{
    /// <summary>The names accepted by --mix, one per kind of line the generator writes.</summary>
    public static IReadOnlyDictionary<string, GeneratedLineKind> MixNames { get; } = new Dictionary<string, GeneratedLineKind>(StringComparer.Ordinal)
    {
        ["success-2xx"] = GeneratedLineKind.Success2xx,
        ["redirect-3xx"] = GeneratedLineKind.Redirect3xx,
        ["client-4xx"] = GeneratedLineKind.Client4xx,
        ["websocket-101"] = GeneratedLineKind.WebSocket101,
        ["500"] = GeneratedLineKind.Neighbor500,
        ["503"] = GeneratedLineKind.Neighbor503,
        ["504"] = GeneratedLineKind.Neighbor504,
        ["460"] = GeneratedLineKind.Neighbor460,
        ["target-down"] = GeneratedLineKind.TargetDown,
        ["intermittent"] = GeneratedLineKind.ConnectIntermittent,
        ["tls-handshake"] = GeneratedLineKind.ConnectTlsHandshake,
        ["keep-alive-race"] = GeneratedLineKind.KeepAliveRace,
        ["long-request-cut"] = GeneratedLineKind.LongRequestCut,
        ["closed-mid-request"] = GeneratedLineKind.ClosedMidRequest,
        ["lambda-response-too-large"] = GeneratedLineKind.LambdaResponseTooLarge,
        ["lambda-unhandled"] = GeneratedLineKind.LambdaUnhandled,
        ["lambda-throttled"] = GeneratedLineKind.LambdaThrottled,
        ["lambda-invalid-response"] = GeneratedLineKind.LambdaInvalidResponse,
        ["lambda-error"] = GeneratedLineKind.LambdaError,
        ["fixed-response"] = GeneratedLineKind.FixedResponse502,
        ["load-balancer-other"] = GeneratedLineKind.LoadBalancerOther502,
        ["target-returned-502"] = GeneratedLineKind.TargetReturned502,
    };

    public static Command Create(CliConsole console)
    {
        var output = new Option<string>("--out", "-o") { Description = "File to write (- for standard output).", HelpName = "FILE" };
        var fixtures = new Option<string>("--fixtures")
        {
            Description = "Instead of --out: write the repository's generated test fixtures into this directory "
                + "(tests/Fixtures/logs; the other options do not apply).",
            HelpName = "DIR",
        };
        var lines = new Option<int>("--lines") { Description = "Number of entries (at least 1).", HelpName = "N", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<long>("--seed") { Description = "Random seed: the same seed gives the same bytes.", HelpName = "N", DefaultValueFactory = _ => 1 };
        var perMember = new Option<int>("--lines-per-member") { Description = "Start a new gzip member every N lines (at least 1).", HelpName = "N", DefaultValueFactory = _ => 100_000 };
        var targets = new Option<int>("--targets") { Description = "Number of targets behind the load balancer (at least 1).", HelpName = "N", DefaultValueFactory = _ => 6 };
        foreach (var positive in new[] { lines, perMember, targets }) OptionRules.AtLeast(positive, 1);
        var plain = new Option<bool>("--plain") { Description = "Write plain text instead of gzip." };
        var fastest = new Option<bool>("--fastest") { Description = "Compress with the fastest level (bigger files, quicker to make)." };
        var mix = new Option<string[]>("--mix")
        {
            Description = "Weight of a kind of line, NAME=WEIGHT (repeatable), over the default per-10,000 mix; names: " + string.Join(", ", MixNames.Keys),
            HelpName = "NAME=WEIGHT",
        };
        var command = new Command("generate", "Write realistic ALB access logs with a chosen mix of 502 causes.")
        {
            output, fixtures, lines, seed, perMember, targets, plain, fastest, mix,
        };
        command.SetAction(parse =>
        {
            string? path = parse.GetValue(output);
            string? fixturesDirectory = parse.GetValue(fixtures);
            if ((path is null) == (fixturesDirectory is null))
            {
                console.Error.WriteLine("alblog: generate takes exactly one of --out FILE and --fixtures DIR");
                return ExitCodes.Usage;
            }
            if (path is null)
            {
                foreach (string written in FixtureFiles.WriteAll(fixturesDirectory!))
                {
                    console.Error.WriteLine($"alblog: wrote {written}");
                }
                return ExitCodes.Ok;
            }
            CauseMix causeMix;
            try
            {
                causeMix = ParseMix(parse.GetValue(mix) ?? []);
            }
            catch (FormatException e)
            {
                console.Error.WriteLine($"alblog: {e.Message}");
                return ExitCodes.Usage;
            }
            var options = new GeneratorOptions
            {
                Lines = parse.GetValue(lines),
                Seed = parse.GetValue(seed),
                LinesPerMember = parse.GetValue(perMember),
                TargetCount = parse.GetValue(targets),
                Mix = causeMix,
                CompressionLevel = parse.GetValue(fastest) ? CompressionLevel.Fastest : CompressionLevel.Optimal,
            };
            using var stream = path == "-" ? console.OpenStdout() : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
            var stats = parse.GetValue(plain) ? AlbLogGenerator.WritePlain(stream, options) : AlbLogGenerator.WriteGzip(stream, options);
            console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"alblog: wrote {Plural.Of(stats.Entries, "entry", "entries")} ({Plural.Of(stats.UncompressedBytes, "byte")} uncompressed, {Plural.Of(stats.GzipMembers, "gzip member")}), {stats.Http502:N0} with status 502"));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static CauseMix ParseMix(IEnumerable<string> weights)
    {
        var mix = CauseMix.Default;
        foreach (var item in weights.SelectMany(w => w.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var parts = item.Split('=');
            if (parts.Length != 2 || !MixNames.TryGetValue(parts[0], out var kind)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int weight))
            {
                throw new FormatException($"--mix takes NAME=WEIGHT with a whole weight and one of: {string.Join(", ", MixNames.Keys)}; not '{item}'");
            }
            mix = With(mix, kind, weight);
        }
        return mix;
    }

    private static CauseMix With(CauseMix mix, GeneratedLineKind kind, int weight) => kind switch
    {
        GeneratedLineKind.Success2xx => mix with { Success2xx = weight },
        GeneratedLineKind.Redirect3xx => mix with { Redirect3xx = weight },
        GeneratedLineKind.Client4xx => mix with { Client4xx = weight },
        GeneratedLineKind.WebSocket101 => mix with { WebSocket101 = weight },
        GeneratedLineKind.Neighbor500 => mix with { Neighbor500 = weight },
        GeneratedLineKind.Neighbor503 => mix with { Neighbor503 = weight },
        GeneratedLineKind.Neighbor504 => mix with { Neighbor504 = weight },
        GeneratedLineKind.Neighbor460 => mix with { Neighbor460 = weight },
        GeneratedLineKind.TargetDown => mix with { TargetDown = weight },
        GeneratedLineKind.ConnectIntermittent => mix with { ConnectIntermittent = weight },
        GeneratedLineKind.ConnectTlsHandshake => mix with { ConnectTlsHandshake = weight },
        GeneratedLineKind.KeepAliveRace => mix with { KeepAliveRace = weight },
        GeneratedLineKind.LongRequestCut => mix with { LongRequestCut = weight },
        GeneratedLineKind.ClosedMidRequest => mix with { ClosedMidRequest = weight },
        GeneratedLineKind.LambdaResponseTooLarge => mix with { LambdaResponseTooLarge = weight },
        GeneratedLineKind.LambdaUnhandled => mix with { LambdaUnhandled = weight },
        GeneratedLineKind.LambdaThrottled => mix with { LambdaThrottled = weight },
        GeneratedLineKind.LambdaInvalidResponse => mix with { LambdaInvalidResponse = weight },
        GeneratedLineKind.LambdaError => mix with { LambdaError = weight },
        GeneratedLineKind.FixedResponse502 => mix with { FixedResponse502 = weight },
        GeneratedLineKind.LoadBalancerOther502 => mix with { LoadBalancerOther502 = weight },
        GeneratedLineKind.TargetReturned502 => mix with { TargetReturned502 = weight },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
