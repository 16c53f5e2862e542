using Qec.Core.Formats.IO;

namespace Qec.Core.Formats.Writing;

/// <summary>The <c>hits</c> format: the set bit indices, comma separated, then '\n'.</summary>
internal sealed class HitsEncoder : ShotEncoder
{
    public HitsEncoder(ByteOutput output, ShotLayout layout)
        : base(output, layout)
    {
    }

    public override void Write(ReadOnlySpan<byte> shot)
    {
        bool first = true;
        for (int k = PackedBits.NextSetBit(shot, 0, Bits); k >= 0; k = PackedBits.NextSetBit(shot, k + 1, Bits))
        {
            if (!first)
            {
                Output.WriteByte((byte)',');
            }
            Output.WriteDecimal(k);
            first = false;
        }
        Output.WriteByte((byte)'\n');
    }
}
