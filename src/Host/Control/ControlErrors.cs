using Rapport.Domain.Common;

namespace Rapport.Host.Control;

/// <summary>Error codes of the control socket and the node behind it (docs/control-socket.md, docs/errors.md).</summary>
public static class ControlErrors
{
    public static readonly ErrorCode BadRequest = new("CONTROL_BAD_REQUEST", ErrorKind.Invalid);
    public static readonly ErrorCode UnknownCommand = new("CONTROL_UNKNOWN_COMMAND", ErrorKind.Invalid);

    /// <summary>The node's answer is not a control response (the node, not the request, failed).</summary>
    public static readonly ErrorCode BadResponse = new("CONTROL_BAD_RESPONSE", ErrorKind.Unavailable);

    public static readonly ErrorCode NoNode = new("NO_NODE_RUNNING", ErrorKind.Unavailable);

    /// <summary>Another node holds the data dir; one node runs per data dir.</summary>
    public static readonly ErrorCode AlreadyRunning = new("NODE_ALREADY_RUNNING", ErrorKind.Conflict);

    public static readonly ErrorCode Stopping = new("NODE_STOPPING", ErrorKind.Unavailable);
    public static readonly ErrorCode Closed = new("NODE_CLOSED", ErrorKind.Unavailable);
    public static readonly ErrorCode Timeout = new("NODE_TIMEOUT", ErrorKind.Unavailable);

    /// <summary>A bug in a command handler (logged by the node).</summary>
    public static readonly ErrorCode Internal = new("INTERNAL_ERROR", ErrorKind.Unavailable);
}
