using BenchmarkDotNet.Running;
using Qec.Bench;

// BenchmarkDotNet suites:        dotnet run -c Release --project bench/Qec.Bench -- --filter '*Sampler*'
// BP family on the BB reference:  dotnet run -c Release --project bench/Qec.Bench -- bp-reference [bp bposd relaybp]
// Million-round reference shot:  dotnet run -c Release --project bench/Qec.Bench -- stream-reference [referenceDir]
if (args is ["stream-reference", .. var rest])
{
    StreamingRun.RunFromArgs(rest);
    return;
}
if (args is ["bp-reference", .. var decoders])
{
    BpReferenceRun.Run(decoders);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
