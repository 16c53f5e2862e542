using BenchmarkDotNet.Running;

// Usage: dotnet run -c Release --project bench/Qec.Bench -- --filter '*Sampler*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
