using Grpc.Core;

namespace Qec.Server;

/// <summary>
/// A request the server refuses, with the one gRPC status that describes it. Both paths report it
/// the same way: gRPC as the call's status, the raw path as an ERROR frame carrying the same code.
/// The message names what was wrong and where (session, shot id, byte offset).
/// </summary>
public sealed class QecServerException : Exception
{
    /// <summary>Creates the error.</summary>
    public QecServerException(StatusCode code, string message)
        : base(message) => Code = code;

    /// <summary>The gRPC status code (also used in raw ERROR frames).</summary>
    public StatusCode Code { get; }

    /// <summary>The shot at fault, when the error is about one shot.</summary>
    public ulong? ShotId { get; init; }

    /// <summary>The error as a gRPC exception.</summary>
    public RpcException ToRpcException() => new(new Status(Code, Message));

    internal static QecServerException NotFound(string message) => new(StatusCode.NotFound, message);

    internal static QecServerException Invalid(string message) => new(StatusCode.InvalidArgument, message);

    internal static QecServerException InvalidShot(ulong shotId, string message) => new(StatusCode.InvalidArgument, message) { ShotId = shotId };
}
