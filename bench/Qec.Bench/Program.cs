using BenchmarkDotNet.Running;
using Qec.Bench;

// BenchmarkDotNet suites:        dotnet run -c Release --project bench/Qec.Bench -- --filter '*Sampler*'
// Million-round reference shot:  dotnet run -c Release --project bench/Qec.Bench -- stream-reference [referenceDir]
if (args is ["stream-reference", .. var rest])
{
    StreamingRun.RunFromArgs(rest);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
