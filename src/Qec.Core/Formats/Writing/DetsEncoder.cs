using Qec.Core.Formats.IO;

namespace Qec.Core.Formats.Writing;

/// <summary>
/// The <c>dets</c> format: "shot", then " D&lt;i&gt;" for each set detector and " L&lt;j&gt;" for each set
/// observable (j counted from the first observable), then '\n'.
/// </summary>
internal sealed class DetsEncoder : ShotEncoder
{
    public DetsEncoder(ByteOutput output, ShotLayout layout)
        : base(output, layout)
    {
    }

    public override void Write(ReadOnlySpan<byte> shot)
    {
        Output.Write("shot"u8);
        int detectors = Layout.NumDetectors;
        for (int k = PackedBits.NextSetBit(shot, 0, Bits); k >= 0; k = PackedBits.NextSetBit(shot, k + 1, Bits))
        {
            Output.WriteByte((byte)' ');
            if (k < detectors)
            {
                Output.WriteByte((byte)'D');
                Output.WriteDecimal(k);
            }
            else
            {
                Output.WriteByte((byte)'L');
                Output.WriteDecimal(k - detectors);
            }
        }
        Output.WriteByte((byte)'\n');
    }
}
