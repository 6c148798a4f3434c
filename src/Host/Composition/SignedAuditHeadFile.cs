using System.Globalization;
using System.Text;
using System.Text.Json;
using Rapport.Application.Audit.Head;
using Rapport.Application.Sharing;
using Rapport.Domain.Audit;

namespace Rapport.Host.Composition;

/// <summary>
/// The audit head checkpoint as a small JSON file beside the database (<c>audit.head</c>), signed with the node's
/// Ed25519 key over <c>rapport-audit-head/1 · peer id · sequence · hash</c>. Each write goes to a temporary file that is
/// synced and renamed into place, so a crash leaves the old head or the new one, never half of either.
/// </summary>
public sealed class SignedAuditHeadFile(string path, IGrantSigner signer) : IAuditCheckpoint
{
    private const string Format = "rapport-audit-head/1";
    private const int MaxFileBytes = 4096;
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly Lock _gate = new();
    private AuditHead? _wanted;
    private AuditHead? _kept;
    private Task _writer = Task.CompletedTask;
    private bool _writing;

    public string Path { get; } = path;

    /// <summary>Where a failure to write the head is reported (it does not undo the commit that advanced it).</summary>
    public Action<string> Warn { get; init; } = _ => { };

    public Task AdvanceAsync(AuditHead head, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(head);
        lock (_gate)
        {
            if (_wanted is not null && !head.IsAfter(_wanted))
            {
                return Task.CompletedTask;
            }

            _wanted = head;
            if (!_writing)
            {
                _writing = true;
                _writer = Task.Run(WriteNewestAsync, CancellationToken.None);
            }
        }

        return Task.CompletedTask;
    }

    public Task FlushAsync()
    {
        lock (_gate)
        {
            return _writer;
        }
    }

    /// <summary>Writes the newest head handed in, then any newer one handed in meanwhile, until none is left.</summary>
    private async Task WriteNewestAsync()
    {
        while (true)
        {
            AuditHead next;
            lock (_gate)
            {
                if (_wanted is null || (_kept is not null && !_wanted.IsAfter(_kept)))
                {
                    _writing = false;
                    return;
                }

                next = _wanted;
            }

            try
            {
                // Another process may have signed a later head since (a CLI command beside the running node).
                _kept ??= (await ReadAsync().ConfigureAwait(false) as CheckpointReading.Signed)?.Head;
                if (_kept is null || next.IsAfter(_kept))
                {
                    var file = new HeadFile(Format, signer.LocalPeerId, next.Sequence, next.Hash, Convert.ToBase64String(signer.Sign(Message(signer.LocalPeerId, next))));
                    await WriteAtomicallyAsync(JsonSerializer.SerializeToUtf8Bytes(file, Indented), CancellationToken.None).ConfigureAwait(false);
                }

                lock (_gate)
                {
                    _kept = next;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The commit stands; the head stays older than the log, which audit verify reports and the next write repairs.
                Warn($"warning: the signed audit head {Path} could not be written ({e.Message})");
                lock (_gate)
                {
                    _wanted = null;
                    _writing = false;
                }

                return;
            }
        }
    }

    public async Task<CheckpointReading> ReadAsync(CancellationToken cancellationToken = default)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(Path);
            if (!info.Exists)
            {
                return new CheckpointReading.Missing();
            }

            if (info.Length > MaxFileBytes)
            {
                return new CheckpointReading.Invalid($"{info.Length} bytes, larger than a head file can be");
            }

            bytes = await File.ReadAllBytesAsync(Path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new CheckpointReading.Invalid($"it cannot be read ({e.Message})");
        }

        HeadFile? file;
        try
        {
            file = JsonSerializer.Deserialize<HeadFile>(bytes, Indented);
        }
        catch (JsonException)
        {
            return new CheckpointReading.Invalid("it is not a head file (not JSON)");
        }

        if (file is null || file.Format != Format || file.Hash is null || file.PeerId is null || file.Signature is null || file.Sequence < 0)
        {
            return new CheckpointReading.Invalid($"it is not a {Format} file");
        }

        if (file.PeerId != signer.LocalPeerId)
        {
            return new CheckpointReading.Invalid($"it was signed by {file.PeerId}, not by this node ({signer.LocalPeerId})");
        }

        var head = new AuditHead(file.Sequence, file.Hash);
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(file.Signature);
        }
        catch (FormatException)
        {
            return new CheckpointReading.Invalid("its signature is not base64");
        }

        return signer.Verify(signer.PublicKey, Message(file.PeerId, head), signature)
            ? new CheckpointReading.Signed(head)
            : new CheckpointReading.Invalid("its signature does not match its content");
    }

    private static byte[] Message(string peerId, AuditHead head) =>
        Encoding.UTF8.GetBytes(string.Join('\n', Format, peerId, head.Sequence.ToString(CultureInfo.InvariantCulture), head.Hash));

    private async Task WriteAtomicallyAsync(byte[] content, CancellationToken cancellationToken)
    {
        var temporary = Path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var stream = new FileStream(temporary, options);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }

    private sealed record HeadFile(string? Format, string? PeerId, long Sequence, string? Hash, string? Signature);
}
