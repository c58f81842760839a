using System.Globalization;
using BenchmarkDotNet.Running;
using Node.Bench.Ibd;

return args switch
{
    ["ibd", .. var rest] => IbdConsole.Run(rest),
    ["serve", var nodes, .. var rest] => await ServeMode.Serve(int.Parse(nodes, CultureInfo.InvariantCulture), IbdSettings.Parse(rest)),
    ["prepare", .. var rest] => ServeMode.Prepare(rest),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}
