using AlbLogLambda.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Modes handled before BenchmarkSwitcher (each is one whole process, for bench/*.sh):
//   decode FILE [--integrity]   inflate a gzip file to nowhere: the decode-only floor (GzipIntegrityStream with --integrity)
//   alloc [--lines N]           bytes allocated per ordinary (non-5xx) entry in steady state
//   parserate [--seconds S]     single-thread MB/s of tokenize, parse, parse + classify over in-memory lines
//   coldstart ...               function process start to its first response on a local Runtime API (see ColdStart.cs)
// Anything else goes to BenchmarkDotNet: --filter '*', --list flat, --job short, ...
switch (args.FirstOrDefault())
{
    case "decode" or "--decode":
        return DecodeCommand.Run(args[1..]);
    case "alloc" or "--alloc":
        return AllocationProbe.Run(args[1..]);
    case "parserate" or "--parserate":
        return ParseRateProbe.Run(args[1..]);
    case "coldstart" or "--coldstart":
        return await ColdStart.RunAsync(args[1..]);
    default:
        ProjectDirectory.EnterForBenchmarkDotNet();
        var config = DefaultConfig.Instance.AddColumn(new ThroughputColumn(perLine: false), new ThroughputColumn(perLine: true));
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchData).Assembly).Run(args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
}
