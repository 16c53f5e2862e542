using Qec.Core.Decoding;
using Qec.Core.Sampling;
using Qec.Generative.Decoding;
using Qec.Generative.Serialization;

namespace Qec.Generative.Tests.Decoding;

/// <summary>The ensemble <c>gen:model=a.st+b.st</c>: the average of the members' absolute-class probabilities.</summary>
public sealed class GenerativeEnsembleTests
{
    /// <summary>
    /// k = 2, two members with mwpm as their base (each scores the residual, so class c reads its q at c ⊕ mwpm; the two
    /// share one compiled mwpm) and one without: the decoder's class is the argmax of the average computed here from the
    /// three networks directly, its soft output ln(P(ĉ) / Σ_{c ≠ ĉ} P(c)); on some shots the average picks a class that
    /// one of the members alone does not.
    /// </summary>
    [Fact]
    public void EnsembleAveragesTheMembersAbsoluteClassProbabilities()
    {
        var dem = TinyGen.TwoPatches();
        string[] files = [TinyGen.Untrained(dem, "ens-based.st", "mwpm", seed: 9, width: 24), TinyGen.Untrained(dem, "ens-plain.st", seed: 2, width: 24),
            TinyGen.Untrained(dem, "ens-based2.st", "mwpm", seed: 13, width: 24)];
        bool[] based = [true, false, true];
        var networks = files.Select(f => ModelFile.Load<float>(f)).ToArray();
        var workspaces = networks.Select(n => n.CreateWorkspace()).ToArray();
        var mwpm = TinyGen.Registry().Get("mwpm").Compile(dem, DecoderOptions.Empty).CreateDecoder();
        var compiled = (GenerativeEnsembleCompiledDecoder<float>)TinyGen.Compile(dem, "model=" + string.Join('+', files));
        Assert.Same(compiled.Members[0].Base, compiled.Members[2].Base);
        Assert.Null(compiled.Members[1].Base);
        var ensemble = compiled.CreateDecoder();
        var (dets, _) = new DemSampler(dem).Sample(300, 4);
        var condition = new byte[18];
        var flips = new byte[1];
        var baseFlips = new byte[1];
        var q = new double[3, 4];
        var p = new double[4];
        var differs = new int[3];
        for (int s = 0; s < 300; s++)
        {
            var shot = dets.AsSpan(s * 2, 2);
            mwpm.Decode(shot, baseFlips);
            int baseClass = baseFlips[0] & 3;
            for (int d = 0; d < 16; d++) condition[d] = (byte)((shot[d >> 3] >> (d & 7)) & 1);
            condition[16] = (byte)(baseClass & 1);
            condition[17] = (byte)(baseClass >> 1);
            Array.Clear(p);
            for (int m = 0; m < 3; m++)
            {
                for (int c = 0; c < 4; c++)
                {
                    int r = based[m] ? c ^ baseClass : c;
                    var cond = based[m] ? condition : condition.AsSpan(0, 16);
                    q[m, c] = Math.Exp(networks[m].LogProbability([(byte)(r & 1), (byte)(r >> 1)], cond, workspaces[m]));
                    p[c] += q[m, c] / 3;
                }
            }
            int best = Array.IndexOf(p, p.Max());
            var info = ensemble.DecodeDetailed(shot, flips);
            Assert.Equal(best, flips[0]);
            Assert.Equal(Math.Log(p[best] / (p.Sum() - p[best])), info.SoftOutput, 9);
            for (int m = 0; m < 3; m++)
            {
                int alone = 0;
                for (int c = 1; c < 4; c++) alone = q[m, c] > q[m, alone] ? c : alone;
                differs[m] += best != alone ? 1 : 0;
            }
        }
        Assert.All(differs, n => Assert.InRange(n, 1, 299));
    }

    /// <summary>
    /// An ensemble of one model twice decodes every syndrome as that model alone: same class, same soft output (in
    /// float64: the single model's k = 1 path takes the log-odds from one sigmoid, the ensemble from both classes).
    /// </summary>
    [Fact]
    public void AnEnsembleOfOneModelTwiceIsThatModel()
    {
        var dem = TinyGen.CodeCapacity();
        var exact = new ExactClasses(dem);
        var single = TinyGen.Compile(dem, $"model={TinyGen.Trained}", "precision=f64").CreateDecoder();
        var twice = TinyGen.Compile(dem, $"model={TinyGen.Trained}+{TinyGen.Trained}", "precision=f64").CreateDecoder();
        var one = new byte[1];
        var two = new byte[1];
        for (int s = 0; s < exact.Syndromes; s++)
        {
            var shot = exact.Pack(s);
            var i1 = single.DecodeDetailed(shot, one);
            var i2 = twice.DecodeDetailed(shot, two);
            Assert.Equal(one[0], two[0]);
            Assert.Equal(i1.SoftOutput, i2.SoftOutput, 9);
        }
    }

    /// <summary>An empty member, greedy search, a device, or a member trained for another DEM: each refused, naming what is wrong.</summary>
    [Fact]
    public void EnsembleOptionsAreCheckedByName()
    {
        var dem = TinyGen.TwoPatches();
        string good = TinyGen.Untrained(dem, "ens-good.st");
        string other = TinyGen.Untrained(TinyGen.CodeCapacity(), "ens-other-dem.st");
        Assert.Contains("empty weights file", Assert.Throws<ArgumentException>(() => TinyGen.Compile(dem, $"model={good}+")).Message);
        Assert.Contains("search=exact", Assert.Throws<ArgumentException>(() => TinyGen.Compile(dem, $"model={good}+{good}", "search=greedy")).Message);
        Assert.Contains("runs on the CPU", Assert.Throws<ArgumentException>(() => TinyGen.Compile(dem, $"model={good}+{good}", "device=ilgpu-cpu")).Message);
        Assert.Contains(other, Assert.Throws<ArgumentException>(() => TinyGen.Compile(dem, $"model={good}+{other}")).Message);
    }

    /// <summary>No allocation per shot (two members, one with a base decoder).</summary>
    [Fact]
    public void EnsembleDecodingAllocatesNothingPerShot()
    {
        var dem = TinyGen.CodeCapacity();
        string based = TinyGen.Untrained(dem, "ens-alloc.st", "mwpm");
        var decoder = TinyGen.Compile(dem, $"model={based}+{TinyGen.Trained}").CreateDecoder();
        var (dets, _) = new DemSampler(dem).Sample(300, 1);
        var flips = new byte[1];
        for (int s = 0; s < 20; s++) decoder.DecodeDetailed(dets.AsSpan(s, 1), flips);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int s = 0; s < 300; s++) decoder.DecodeDetailed(dets.AsSpan(s, 1), flips);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
