namespace Rapport.Bench;

/// <summary>The load average to print next to a result: the machine is shared, and numbers mean little without it.</summary>
internal static class MachineLoad
{
    public static string Average()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
