using BenchmarkDotNet.Running;
using Qec.Bench;
using Qec.Bench.Generative;
using Qec.Bench.StatMech;
using Qec.Bench.TensorNetwork;

// BenchmarkDotNet suites:        dotnet run -c Release --project bench/Qec.Bench -- --filter '*Sampler*'
// BP family on the BB reference:  dotnet run -c Release --project bench/Qec.Bench -- bp-reference [bp bposd relaybp]
// BP family at circuit level:     dotnet run -c Release --project bench/Qec.Bench -- bp-circuit [--shots N --seed S …]
// GPU batches against the CPU:    dotnet run -c Release --project bench/Qec.Bench -- gpu [--device cuda --batches 1000,10000 …]
// Million-round reference shot:  dotnet run -c Release --project bench/Qec.Bench -- stream-reference [referenceDir]
// tn: χ convergence, exact agreement: dotnet run -c Release --project bench/Qec.Bench -- tn-chi [--d 9 --p 0.05,0.1 --seed S …]
// tn vs mwpm on the same shots:    dotnet run -c Release --project bench/Qec.Bench -- tn-paired [--shots N --threads T --seed S …]
// tn exact + boundary on a GPU:    dotnet run -c Release --project bench/Qec.Bench -- gpu-tn [--device cuda --batches 1000,10000 …]
// tn pruned mode's beam:         dotnet run -c Release --project bench/Qec.Bench -- tn-pruned [--cases … --states 64,1024 --shots N]
// tn exact at circuit level:       dotnet run -c Release --project bench/Qec.Bench -- tn-circuit [--threads T]
// Ising/SK (enumeration, Metropolis, tau, TRG, SK): dotnet run -c Release --project bench/Qec.Bench -- ising-enum|ising-metropolis|ising-tau|trg-chi|sk-annealed|sk-ground [--n … ]
// VAN free energies (SK, Hopfield, 2D Ising): dotnet run -c Release --project bench/Qec.Bench -- van [--parts sk,hopfield,ising …]
// gen acceptance tables:         dotnet run -c Release --project bench/Qec.Bench -- gen-accuracy --models DIR[+DIR2…] [--tables cc,circuit,k2 --shots N]   (DIR+DIR2: an ensemble)
// gen batches on a GPU:            dotnet run -c Release --project bench/Qec.Bench -- gpu-gen [--device cuda --batches 1000,10000 --model F]
// Correlated mwpm vs PyMatching:  dotnet run -c Release --project bench/Qec.Bench -- mwpm-correlated [--cases sc_rmz_d05 --shots N]
// mwpm thread-CPU µs/shot (A/B):  dotnet run -c Release --project bench/Qec.Bench -- mwpm-time [--d 5,11,17 --p 0.001,0.005 --correlated 1]
// Circuit (frame) vs DEM sampler:  dotnet run -c Release --project bench/Qec.Bench -- circuit-sample [--cases … --shots N]
// Circuit sampler at 10⁶ shots vs exact, Stim and mwpm LER:  … -- circuit-sample-check [--cases … --shots N]
// Circuit → DEM time (parse, analyze, write):  … -- circuit-analyze [--cases … --repeats R]
// Decode time after I/O, a gap, a sleep (in-server floor):  … -- decode-after [--case … --shots N --gap-us 20]
// Sliding window cost per round vs whole shot (thread CPU):  … -- stream-cost [--d 17 --rounds 100,1000 --window W --commit C]
// Threshold crossings of a sweep:  dotnet run -c Release --project bench/Qec.Bench -- crossing stats.csv [--points 6 --seed S]
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
        case ["tn-chi", .. var rest]:
            TnChiRun.Run(rest);
            break;
        case ["tn-paired", .. var rest]:
            TnPairedRun.Run(rest);
            break;
        case ["gpu-tn", .. var rest]:
            TnGpuRun.Run(rest);
            break;
        case ["tn-pruned", .. var rest]:
            TnPrunedRun.Run(rest);
            break;
        case ["tn-circuit", .. var rest]:
            TnCircuitRun.Run(rest);
            break;
        case ["van", .. var rest]:
            VanRun.Run(rest);
            break;
        case ["gen-accuracy", .. var rest]:
            GenAccuracyRun.Run(rest);
            break;
        case ["gpu-gen", .. var rest]:
            GenGpuRun.Run(rest);
            break;
        case ["mwpm-correlated", .. var rest]:
            CorrelatedMatchingRun.Run(rest);
            break;
        case ["crossing", .. var rest]:
            CrossingRun.Run(rest);
            break;
        case ["ising-enum", .. var rest]: IsingBenchRun.Enumeration(rest); break;
        case ["ising-metropolis", .. var rest]: IsingBenchRun.Metropolis(rest); break;
        case ["ising-tau", .. var rest]: IsingBenchRun.Tau(rest); break;
        case ["trg-chi", .. var rest]: IsingBenchRun.TrgChi(rest); break;
        case ["sk-annealed", .. var rest]: SkBenchRun.Annealed(rest); break;
        case ["sk-ground", .. var rest]: SkBenchRun.Ground(rest); break;
        case ["circuit-sample", .. var rest]: CircuitSampleRun.Run(rest); break;
        case ["circuit-sample-check", .. var rest]: CircuitSampleCheckRun.Run(rest); break;
        case ["circuit-analyze", .. var rest]: CircuitAnalyzeRun.Run(rest); break;
        case ["decode-after", .. var rest]: DecodeAfterRun.Run(rest); break;
        case ["stream-cost", .. var rest]: StreamCostRun.Run(rest); break;
        case ["mwpm-time", .. var rest]: MwpmTimeRun.Run(rest); break;
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
