using BenchmarkDotNet.Running;
using EcsLocal.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(EncryptionDecisionBenchmarks).Assembly).Run(args);
