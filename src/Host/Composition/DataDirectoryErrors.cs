using Rapport.Domain.Common;

namespace Rapport.Host.Composition;

/// <summary>Error codes of the data directory itself (docs/errors.md).</summary>
public static class DataDirectoryErrors
{
    /// <summary>The node cannot write where it keeps its lock, database, audit head and control socket.</summary>
    public static readonly ErrorCode NotWritable = new("DATA_DIR_NOT_WRITABLE", ErrorKind.Unavailable);
}
