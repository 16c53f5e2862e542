using BenchmarkDotNet.Running;
using Qec.Bench;

// BenchmarkDotNet suites:        dotnet run -c Release --project bench/Qec.Bench -- --filter '*Sampler*'
// BP family on the BB reference:  dotnet run -c Release --project bench/Qec.Bench -- bp-reference [bp bposd relaybp]
// BP family at circuit level:     dotnet run -c Release --project bench/Qec.Bench -- bp-circuit [--shots N --seed S …]
// GPU batches against the CPU:    dotnet run -c Release --project bench/Qec.Bench -- gpu [--device cuda --batches 1000,10000 …]
// Million-round reference shot:  dotnet run -c Release --project bench/Qec.Bench -- stream-reference [referenceDir]
try
{
    switch (args)
    {
        case ["stream-reference", .. var rest]:
            StreamingRun.RunFromArgs(rest);
            break;
        case ["bp-reference", .. var decoders]:
            BpReferenceRun.Run(decoders);
            break;
        case ["bp-circuit", .. var rest]:
            BpCircuitRun.Run(rest);
            break;
        case ["gpu", .. var rest]:
            GpuRun.Run(rest);
            break;
        default:
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
            break;
    }
}
catch (BenchArgsException e)
{
    Console.Error.WriteLine(e.Message);
    Environment.ExitCode = 2;
}
