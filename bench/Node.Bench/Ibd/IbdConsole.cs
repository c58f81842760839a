namespace Node.Bench.Ibd;

/// <summary><c>ibd [--blocks N] [--blocksize B] [--peers K] [--seed S] [--cache DIR]</c>: one measured sync and its report.</summary>
public static class IbdConsole
{
    public static int Run(ReadOnlySpan<string> args)
    {
        IbdSettings settings;
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
            var result = IbdRun.Run(settings, Console.Out);
            IbdReport.Print(result, Console.Out);
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
