using BenchmarkDotNet.Running;
using Mmap.Benchmarks;
using Mmap.Benchmarks.Results;
using Mmap.Benchmarks.Support;

// dotnet run -c Release --project bench/Mmap.Benchmarks -- [--quick] [--file-mib N] [BenchmarkDotNet args]
var options = BenchConfig.Parse(args);
if (options.FileMiB is int mib)
    BenchSizes.Current = BenchSizes.Current with { FileBytes = (long)mib << 20 };

List<BenchmarkDotNet.Reports.Summary> summaries;
using (BenchFiles.ShareAcrossProcesses())
    summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(options.BenchmarkDotNetArgs, options.Build()).ToList();
if (summaries.Count == 0) return 1;

string command = "dotnet run -c Release --project bench/Mmap.Benchmarks -- " + string.Join(' ', args.Select(a => a.Contains('*') ? $"'{a}'" : a));
var plan = ReportPlan.For(summaries.SelectMany(s => s.BenchmarksCases).Select(c => c.Descriptor.Type), Goals.All);
string output = Path.Combine(RepoRoot.Find(), "bench", "results", plan.FileName);
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
string mode = plan.PartialNote is null ? options.Mode : $"{options.Mode}; {plan.PartialNote}";
var previous = PreviousReport.Read(output); // read before it is overwritten: the new report compares with it
File.WriteAllText(output, LatestReport.Render(summaries, plan.Goals, command.TrimEnd(), mode, previous));
Console.WriteLine($"Summary written to {output}");
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 2 : 0;
