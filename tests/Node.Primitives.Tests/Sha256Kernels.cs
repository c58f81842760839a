using Node.Primitives.Hashing;

namespace Node.Primitives.Tests;

/// <summary>The SHA-256 implementations this machine can run, for tests in <see cref="Sha256KernelSwitching"/>.</summary>
internal static class Sha256Kernels
{
    public const string Managed = "managed";

    /// <summary>Managed always; the native portable kernel when the library loaded; SHA-NI when the CPU has it.</summary>
    public static TheoryData<string> All()
    {
        var kernels = new TheoryData<string> { Managed };
        if (Sha256Native.Available)
        {
            kernels.Add(Sha256.NameOf(Sha256Native.Portable));
            if (NativeExpectations.CpuHasShaNi == true) kernels.Add(Sha256.NameOf(Sha256Native.ShaNi));
        }
        return kernels;
    }

    /// <summary>
    /// Makes the named native kernel the one <see cref="Sha256"/> reaches; false for
    /// <see cref="Managed"/>, which callers reach through <see cref="Sha256Managed"/> directly.
    /// </summary>
    public static bool Use(string kernel)
    {
        if (kernel == Managed) return false;
        int kind = kernel == Sha256.NameOf(Sha256Native.ShaNi) ? Sha256Native.ShaNi : Sha256Native.Portable;
        Assert.Equal(kind, Sha256Native.Select(kind));
        Assert.Equal(kind, Sha256Native.Active());
        return true;
    }

    /// <summary>Back to the kernel the process chose at start.</summary>
    public static void Restore()
    {
        if (Sha256Native.Available) Sha256Native.Select(Sha256Native.Kind);
    }
}
