using BenchmarkDotNet.Running;
using EcsLocal.Benchmarks;

if (args is ["load", ..])
{
    return await LoadRun.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(EncryptionDecisionBenchmarks).Assembly).Run(args);
return 0;
