using Qec.Core.Algebra;
using Qec.Core.Codes;
using Xunit.Abstractions;

namespace Qec.Core.Tests.Codes;

/// <summary>
/// The reference shots of ../shared/reference/bp ship each error (<c>*.errs.b8</c>, one bit per qubit),
/// its syndrome (<c>*.dets.b8</c>) and its observables under the reference L (<c>*.obs.01</c>). Our
/// b8 products must reproduce both for every shot: this pins the bit packing that
/// <see cref="CssCode.XErrorObservables"/> and <see cref="CssCode.XErrorSyndrome"/> share.
/// </summary>
public sealed class ReferenceShotTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("bb72", "0.01")]
    [InlineData("bb72", "0.05")]
    [InlineData("bb144", "0.03")]
    public void SyndromesAndReferenceObservablesOfEveryShot(string name, string p)
    {
        if (BbReference.SharedFolder(output) is not { } folder)
        {
            return;
        }
        var code = ParityCheckFile.LoadCss(Path.Combine(folder, name + "_HX.txt"), Path.Combine(folder, name + "_HZ.txt"));
        var referenceL = ParityCheckFile.Load(Path.Combine(folder, name + "_L.txt"));
        byte[] errs = File.ReadAllBytes(Path.Combine(folder, $"{name}_p{p}.errs.b8"));
        byte[] dets = File.ReadAllBytes(Path.Combine(folder, $"{name}_p{p}.dets.b8"));
        string[] obs = File.ReadAllLines(Path.Combine(folder, $"{name}_p{p}.obs.01"));
        int errBytes = (code.NumQubits + 7) / 8, detBytes = (code.HZ.Rows + 7) / 8;
        Assert.Equal(obs.Length * errBytes, errs.Length);
        Assert.Equal(obs.Length * detBytes, dets.Length);

        var syndrome = new byte[detBytes];
        var observables = new byte[(referenceL.Rows + 7) / 8];
        var ours = new byte[(code.NumLogicals + 7) / 8];
        int nonzero = 0;
        for (int shot = 0; shot < obs.Length; shot++)
        {
            var error = errs.AsSpan(shot * errBytes, errBytes);
            code.XErrorSyndrome(error, syndrome);
            Assert.Equal(dets.AsSpan(shot * detBytes, detBytes).ToArray(), syndrome);
            referenceL.MultiplyB8(error, observables);
            Assert.Equal(obs[shot], string.Concat(Enumerable.Range(0, referenceL.Rows).Select(i => (observables[i / 8] >> (i % 8) & 1) != 0 ? '1' : '0')));
            code.XErrorObservables(error, ours);
            nonzero += ours.Any(b => b != 0) ? 1 : 0;
        }
        output.WriteLine($"{obs.Length} shots; {nonzero} flip some observable of our basis");
        Assert.True(nonzero > 0);
    }
}
