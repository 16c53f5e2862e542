using Qec.Cli.Compare;
using Qec.Core.Decoding;

namespace Qec.Cli.Tests.Compare;

/// <summary>Entries of <c>--decoders</c>: NAME(:KEY=VALUE)*, labelled without <c>device</c>.</summary>
public sealed class DecoderSpecTests
{
    private static readonly DecoderRegistry Registry = AllDecoders.Create();

    [Theory]
    [InlineData("mwpm", "mwpm", "mwpm", 0)]
    [InlineData("bposd:osd_order=0", "bposd:osd_order=0", "bposd:osd_order=0", 1)]
    [InlineData("bposd:osd_order=0:device=cuda", "bposd:osd_order=0", "bposd:device=cuda:osd_order=0", 2)]
    [InlineData(" relaybp : num_sets=10 : device=ilgpu-cpu ", "relaybp:num_sets=10", "relaybp:device=ilgpu-cpu:num_sets=10", 2)]
    [InlineData("bp:device=gpu", "bp", "bp:device=gpu", 1)]
    public void AnEntryNamesItsDecoderAndOptions(string entry, string label, string text, int options)
    {
        var spec = DecoderSpec.Parse(Registry, entry);
        Assert.Equal(label, spec.Label);
        Assert.Equal(text, spec.Text);
        Assert.Equal(options, spec.Options.Values.Count);
        Assert.Same(Registry.Get(label.Split(':')[0]), spec.Factory);
    }

    [Fact]
    public void AListKeepsEachEntryOnceInOrder()
    {
        var specs = DecoderSpec.ParseList(Registry, "uf,bposd,bposd:device=ilgpu-cpu,uf,bposd");
        Assert.Equal(["uf", "bposd", "bposd:device=ilgpu-cpu"], specs.Select(s => s.Text));
    }

    [Theory]
    [InlineData("bposd:osd_order", "--decoders entry 'bposd:osd_order': option 'osd_order' must look like key=value (NAME:KEY=VALUE:…)")]
    [InlineData("bposd:=3", "--decoders entry 'bposd:=3': option '=3' must look like key=value (NAME:KEY=VALUE:…)")]
    [InlineData("nope:x=1", "unknown decoder 'nope': known decoders are bp, bposd, gen, mwpm, relaybp, tn, uf")]
    [InlineData(",", "--decoders ',': no decoder named")]
    public void BadEntriesAreNamed(string list, string message)
    {
        var e = Assert.ThrowsAny<Exception>(() => DecoderSpec.ParseList(Registry, list));
        Assert.Equal(message, e.Message);
    }
}
