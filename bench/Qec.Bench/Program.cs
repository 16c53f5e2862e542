using BenchmarkDotNet.Running;
using Qec.Bench;

// BenchmarkDotNet suites:  dotnet run -c Release --project bench/Qec.Bench -- --filter '*Sampler*'
// Streaming experiment:    dotnet run -c Release --project bench/Qec.Bench -- stream-run [referenceDir] [outDir] [million]
if (args is ["stream-run", .. var rest])
{
    StreamingRun.RunFromArgs(rest);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
