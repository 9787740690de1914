using InfluenceCrm.Benchmarks;

// Driven by build/bench.sh, which pins the API server to core 0 and this load generator to core 1.
// Usage: InfluenceCrm.Benchmarks redirect|crash|report|pages|imports --api <path to InfluenceCrm.Api.dll> [--seconds N] [--connections N]
var mode = args.FirstOrDefault() ?? "";
string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

var api = Option("--api", "");
if (!File.Exists(api))
{
    Console.Error.WriteLine("Pass --api <path to InfluenceCrm.Api.dll> (build/bench.sh does).");
    return 2;
}

var seconds = int.Parse(Option("--seconds", "5"), System.Globalization.CultureInfo.InvariantCulture);
return mode switch
{
    "redirect" => await RedirectBenchmark.RunAsync(api, seconds, int.Parse(Option("--rounds", "6"), System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(Option("--connections", "64"), System.Globalization.CultureInfo.InvariantCulture)),
    "crash" => await CrashBenchmark.RunAsync(api, int.Parse(Option("--rounds", "3"), System.Globalization.CultureInfo.InvariantCulture)),
    "report" => await ReportBenchmark.RunAsync(api, Option("--clicks", "100000,1000000,10000000")),
    "pages" => await PagesBenchmark.RunAsync(api, int.Parse(Option("--creators", "1000000"), System.Globalization.CultureInfo.InvariantCulture)),
    "imports" => await ImportBenchmark.RunAsync(api),
    _ => Fail(),
};

static int Fail()
{
    Console.Error.WriteLine("Usage: InfluenceCrm.Benchmarks redirect|crash|report|pages|imports --api <InfluenceCrm.Api.dll> [--seconds N] [--rounds N] " +
        "[--connections N] [--clicks 100000,1000000] [--creators 1000000]");
    return 2;
}
