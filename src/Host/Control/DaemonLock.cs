using Rapport.Domain.Common;
using Rapport.Host.Composition;

namespace Rapport.Host.Control;

/// <summary>
/// An exclusive lock on the data dir's lock file, held while the node runs. The OS releases it when the process dies,
/// so a crashed node never blocks the next start, while a running one always does.
/// </summary>
public sealed class DaemonLock : IDisposable
{
    private readonly FileStream _file;

    private DaemonLock(FileStream file) => _file = file;

    public static Result<DaemonLock> Acquire(DataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            return new DaemonLock(new FileStream(data.LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return new Error(ControlErrors.AlreadyRunning, $"a node is already running for data dir {data.Root}; stop it first (or use another --data)");
        }
    }

    public void Dispose() => _file.Dispose();
}
