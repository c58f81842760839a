namespace Node.Bench.Ibd;

/// <summary>
/// <c>ibd [--blocks N] [--blocksize B] [--peers K] [--seed S] [--cache DIR] [--alloc-types]</c>: one measured sync and its
/// report; --alloc-types (last) adds sampled allocations by type (the listener itself skews the figures a little).
/// </summary>
public static class IbdConsole
{
    public static int Run(ReadOnlySpan<string> args)
    {
        IbdSettings settings;
        bool allocationTypes = args.Length > 0 && args[^1] == "--alloc-types";
        if (allocationTypes) args = args[..^1];
        try
        {
            settings = IbdSettings.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            return 64;
        }
        try
        {
            using var sampler = allocationTypes ? new AllocationSampler() : null;
            var result = IbdRun.Run(settings, Console.Out, sampler);
            IbdReport.Print(result, Console.Out);
            sampler?.Print(Console.Out);
            Console.WriteLine("check: both tips match, sampled blocks byte-identical");
            return 0;
        }
        catch (IbdCheckException e)
        {
            Console.Error.WriteLine("IBD CHECK FAILED: " + e.Message);
            return 2;
        }
    }
}
