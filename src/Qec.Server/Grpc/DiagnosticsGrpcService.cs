using Grpc.Core;
using Qec.Server.Protocol;

namespace Qec.Server.Grpc;

/// <summary>
/// <c>qec.v1.Diagnostics</c>: the echo baseline. Same transport, same framework, same message
/// type as Decode, no decoding: the latency floor the decoder service is compared with.
/// </summary>
internal sealed class DiagnosticsGrpcService : Diagnostics.DiagnosticsBase
{
    public override async Task Echo(IAsyncStreamReader<DecodeRequest> requestStream, IServerStreamWriter<DecodeRequest> responseStream, ServerCallContext context)
    {
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            await responseStream.WriteAsync(requestStream.Current).ConfigureAwait(false);
        }
    }
}
