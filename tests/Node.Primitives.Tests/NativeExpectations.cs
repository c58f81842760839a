using System.Runtime.InteropServices;
using Node.Primitives.Hashing;

namespace Node.Primitives.Tests;

/// <summary>What this machine and this test output folder say the SHA-256 dispatch should pick.</summary>
internal static class NativeExpectations
{
    private static string LibraryFile =>
        OperatingSystem.IsWindows() ? "sharpnode_native.dll"
        : OperatingSystem.IsMacOS() ? "libsharpnode_native.dylib"
        : "libsharpnode_native.so";

    /// <summary>The build copies the library here whenever cmake could build it.</summary>
    public static bool LibraryShipped => File.Exists(Path.Combine(AppContext.BaseDirectory, LibraryFile));

    /// <summary>From the kernel's CPU flags on Linux; null where there is no such independent source.</summary>
    public static bool? CpuHasShaNi
    {
        get
        {
            if (RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.X86)) return false;
            if (!File.Exists("/proc/cpuinfo")) return null;
            return File.ReadLines("/proc/cpuinfo").Any(l => l.StartsWith("flags", StringComparison.Ordinal) && l.Split(' ').Contains("sha_ni"));
        }
    }

    public static string[] AcceptableImplementations
    {
        get
        {
            string portable = Sha256.NameOf(Sha256Native.Portable), shaNi = Sha256.NameOf(Sha256Native.ShaNi);
            var choice = Environment.GetEnvironmentVariable(Sha256Native.EnvironmentVariable);
            if (!LibraryShipped || string.Equals(choice, "managed", StringComparison.OrdinalIgnoreCase)) return ["managed"];
            if (string.Equals(choice, "portable", StringComparison.OrdinalIgnoreCase)) return [portable];
            return CpuHasShaNi switch { true => [shaNi], false => [portable], null => [portable, shaNi] };
        }
    }
}
