using Qec.StatMech.Exact;
using Qec.StatMech.InverseIsing;
using Qec.StatMech.Models;

namespace Qec.StatMech.Tests.InverseIsing;

public class InverseIsingTests
{
    private static SpinStatistics Exact(IsingModel model, double beta) => SpinStatistics.FromMoments(ExactEnumeration.Moments(model, beta, threads: 1));

    /// <summary>Two spins with fields: independent pairs and Sessak–Monasson are the exact inversion.</summary>
    [Fact]
    public void IndependentPairsAndSessakMonassonAreExactForTwoSpins()
    {
        var model = new IsingModel(2, [new Coupling(0, 1, 0.7)], [0.3, -0.5]);
        const double beta = 1.4;
        var data = Exact(model, beta);
        Assert.Equal(0.7, ClosedFormInversion.IndependentPairs(data, beta)[0, 1], 1e-12);
        Assert.Equal(0.7, ClosedFormInversion.SessakMonasson(data, beta)[0, 1], 1e-12);
        // nMF for two spins at zero field: J = c/(1 − c²)/β with c = tanh βJ.
        var zero = new IsingModel(2, [new Coupling(0, 1, 0.7)]);
        var c = Math.Tanh(beta * 0.7);
        Assert.Equal(c / (1 - c * c) / beta, ClosedFormInversion.NaiveMeanField(Exact(zero, beta), beta)[0, 1], 1e-12);
        Assert.Equal(c / (1 - c * c) / beta, ClosedFormInversion.Tap(Exact(zero, beta), beta)[0, 1], 1e-12);
    }

    /// <summary>Weak coupling: the small-correlation expansions order as they should (SM beats nMF and IP).</summary>
    [Fact]
    public void SessakMonassonIsTheBestClosedFormAtWeakCoupling()
    {
        var sk = IsingModel.SherringtonKirkpatrick(10, seed: 2);
        const double beta = 0.3;
        var data = Exact(sk, beta);
        var truth = sk.CouplingMatrix();
        var sm = ReconstructionError.Rms(truth, ClosedFormInversion.SessakMonasson(data, beta));
        Assert.True(sm < ReconstructionError.Rms(truth, ClosedFormInversion.NaiveMeanField(data, beta)));
        Assert.True(sm < ReconstructionError.Rms(truth, ClosedFormInversion.IndependentPairs(data, beta)));
        Assert.True(sm < 0.02, $"SM RMS {sm}");
    }

    /// <summary>Pseudo-likelihood is consistent: on the exact distribution it returns the model's J and h.</summary>
    [Fact]
    public void PseudoLikelihoodOnTheExactDistributionRecoversTheModel()
    {
        var sk = IsingModel.SherringtonKirkpatrick(7, seed: 5);
        var model = sk.WithFields([0.2, -0.1, 0.0, 0.3, -0.25, 0.1, 0.05]);
        const double beta = 1.2;
        var fit = PseudoLikelihood.Fit(SpinSamples.ExactDistribution(model, beta), beta);
        Assert.True(fit.Converged);
        Assert.True(ReconstructionError.Rms(model.CouplingMatrix(), fit.Couplings) < 1e-8);
        for (var i = 0; i < 7; i++) Assert.Equal(model.Fields[i], fit.Fields[i], 1e-8);
    }

    /// <summary>Moment matching with exact statistics reaches the true couplings (acceptance: ≤ 1e-3 RMS) on SK n = 8.</summary>
    [Theory]
    [InlineData(0.5)]
    [InlineData(1.5)]
    public void ExactMomentMatchingRecoversSkCouplings(double beta)
    {
        var sk = IsingModel.SherringtonKirkpatrick(8, seed: 1);
        var fit = MomentMatching.Fit(Exact(sk, beta), beta, new MomentMatchingOptions(Threads: 1, Tolerance: 1e-8, MaxIterations: 300));
        var rms = ReconstructionError.Rms(sk.CouplingMatrix(), fit.Couplings);
        Assert.True(fit.Residual < 1e-5 && rms < 1e-4, $"mismatch {fit.Residual} after {fit.Iterations}, RMS {rms}");
    }

    /// <summary>In the glassy phase (SK β = 2) the nMF-preconditioned steps stall; L-BFGS on the exact likelihood reaches
    /// the couplings (acceptance: ≤ 1e-3 RMS).</summary>
    [Fact]
    public void LbfgsMomentMatchingRecoversGlassySkCouplings()
    {
        var sk = IsingModel.SherringtonKirkpatrick(8, seed: 1);
        const double beta = 2.0;
        var fit = MomentMatching.Fit(Exact(sk, beta), beta, new MomentMatchingOptions(Method: MomentStep.Lbfgs, Threads: 1, Tolerance: 1e-9, MaxIterations: 500));
        var rms = ReconstructionError.Rms(sk.CouplingMatrix(), fit.Couplings);
        Assert.True(rms < 1e-4, $"mismatch {fit.Residual} after {fit.Iterations}, RMS {rms}");
    }

    /// <summary>L-BFGS refuses Monte Carlo statistics: its line search needs an exact objective.</summary>
    [Fact]
    public void LbfgsMomentMatchingRefusesMonteCarloStatistics()
    {
        var sk = IsingModel.SherringtonKirkpatrick(4, seed: 1);
        var options = new MomentMatchingOptions(Source: MomentSource.MonteCarlo, Method: MomentStep.Lbfgs);
        var error = Assert.Throws<ArgumentException>(() => MomentMatching.Fit(Exact(sk, 1.0), 1.0, options));
        Assert.Contains("exact statistics", error.Message);
    }

    /// <summary>The plain likelihood gradient (no preconditioning) also climbs to the model, more slowly.</summary>
    [Fact]
    public void PlainGradientMomentMatchingConverges()
    {
        var sk = IsingModel.SherringtonKirkpatrick(6, seed: 3);
        const double beta = 0.8;
        var options = new MomentMatchingOptions(Method: MomentStep.Gradient, LearningRate: 2.0, MaxIterations: 400, Threads: 1, Tolerance: 1e-6);
        var fit = MomentMatching.Fit(Exact(sk, beta), beta, options);
        Assert.True(ReconstructionError.Rms(sk.CouplingMatrix(), fit.Couplings) < 1e-3);
    }

    /// <summary>Monte Carlo statistics: moment matching lands near the truth (within the sampling noise) and the Gibbs
    /// sampler's moments agree with enumeration.</summary>
    [Fact]
    public void MonteCarloMomentMatchingLandsNearTheTruth()
    {
        var sk = IsingModel.SherringtonKirkpatrick(6, seed: 7);
        const double beta = 0.7;
        var exact = Exact(sk, beta);
        var sampled = GibbsSampler.Statistics(sk, beta, sweeps: 40_000, burnIn: 100, seed: 3);
        Assert.True(exact.MaxDifference(sampled) < 0.03);
        var options = new MomentMatchingOptions(Source: MomentSource.MonteCarlo, MaxIterations: 8, Sweeps: 20_000, Seed: 11);
        var fit = MomentMatching.Fit(exact, beta, options);
        var nmf = ReconstructionError.Rms(sk.CouplingMatrix(), ClosedFormInversion.NaiveMeanField(exact, beta));
        var rms = ReconstructionError.Rms(sk.CouplingMatrix(), fit.Couplings);
        Assert.True(rms < 0.06, $"MC moment matching RMS {rms} (nMF {nmf})");
    }

    /// <summary>Exact draws: the sample moments converge to the exact ones.</summary>
    [Fact]
    public void ExactDrawsReproduceTheMoments()
    {
        var sk = IsingModel.SherringtonKirkpatrick(8, seed: 6);
        var samples = SpinSamples.DrawExact(sk, 1.0, 50_000, seed: 2);
        Assert.True(Exact(sk, 1.0).MaxDifference(samples.Statistics()) < 0.02);
    }
}
