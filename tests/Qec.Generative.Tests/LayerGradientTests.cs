using Qec.Core.Sampling;
using Qec.Generative.Layers;
using Qec.Generative.Parameters;

namespace Qec.Generative.Tests;

/// <summary>Each layer's backward pass against central finite differences in float64 (tolerance: <see cref="GradientCheck"/>).</summary>
public class LayerGradientTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void MaskedDenseGradientMatchesFiniteDifferences(int conditionSize)
    {
        var masks = new MadeMasks(variables: 6, width: 9);
        var parameters = new ParameterSet<double>();
        var layer = new MaskedDense<double>(parameters, "layer", 9, masks.HiddenToHidden(), conditionSize);
        GradientCheck.Randomize(parameters, 1);
        var rng = new Xoshiro256StarStar(2);
        var x = new double[9];
        for (int j = 0; j < x.Length; j++) x[j] = 2 * rng.NextDouble() - 1;
        var r = new double[layer.Outputs];
        for (int k = 0; k < r.Length; k++) r[k] = 2 * rng.NextDouble() - 1;
        byte[] c = conditionSize > 0 ? [1, 0, 1] : [];

        // Loss L = Σ_k r_k y_k, so dL/dy = r.
        double Loss()
        {
            var cond = new double[conditionSize > 0 ? layer.Outputs : 0];
            layer.Condition(c, cond);
            double sum = 0;
            for (int k = 0; k < layer.Outputs; k++) sum += r[k] * layer.Row(k, x, cond);
            return sum;
        }
        var gradient = parameters.CreateZerosLike();
        var dx = new double[9];
        layer.Backward(x, c, r, gradient, dx);
        GradientCheck.AssertMatches(parameters, gradient, Loss);

        // dL/dx by finite differences too.
        for (int j = 0; j < x.Length; j++)
        {
            double numeric = GradientCheck.Derivative(x, j, Loss);
            Assert.True(Math.Abs(numeric - dx[j]) <= 1e-6 * Math.Abs(numeric) + 1e-9, $"dx[{j}]: analytic {dx[j]}, numeric {numeric}");
        }
        // Masked weights get no gradient at all, so Adam never moves them.
        var dW = gradient["layer.weight"].Data;
        for (int k = 0; k < layer.Outputs; k++)
            for (int j = layer.RowLength[k]; j < 9; j++) Assert.Equal(0.0, dW[k * 9 + j]);
    }

    [Theory]
    [InlineData(false, Activation.Tanh)]
    [InlineData(true, Activation.Tanh)]
    [InlineData(true, Activation.Relu)]
    public void HiddenBlockGradientMatchesFiniteDifferences(bool residual, Activation activation)
    {
        var masks = new MadeMasks(variables: 5, width: 8);
        var parameters = new ParameterSet<double>();
        var block = new HiddenBlock<double>(new MaskedDense<double>(parameters, "block", 8, masks.HiddenToHidden(), 2), activation, residual);
        GradientCheck.Randomize(parameters, 3);
        var rng = new Xoshiro256StarStar(4);
        var x = new double[8];
        var r = new double[8];
        for (int j = 0; j < 8; j++) { x[j] = 2 * rng.NextDouble() - 1; r[j] = 2 * rng.NextDouble() - 1; }
        byte[] c = [0, 1];
        var a = new double[8];
        var h = new double[8];
        var cond = new double[8];

        double Loss()
        {
            block.Dense.Condition(c, cond);
            block.Forward(0, 8, x, cond, a, h);
            double sum = 0;
            for (int k = 0; k < 8; k++) sum += r[k] * h[k];
            return sum;
        }
        Loss();
        var gradient = parameters.CreateZerosLike();
        var dx = new double[8];
        block.Backward(x, c, a, r, gradient, dx, new double[8]);
        GradientCheck.AssertMatches(parameters, gradient, Loss);
        for (int j = 0; j < 8; j++)
        {
            double numeric = GradientCheck.Derivative(x, j, Loss);
            Assert.True(Math.Abs(numeric - dx[j]) <= 1e-6 * Math.Abs(numeric) + 1e-9, $"dx[{j}]: analytic {dx[j]}, numeric {numeric}");
        }
    }

    [Theory]
    [InlineData(true, 1, 3, 1, 0)]
    [InlineData(false, 3, 2, 1, 2)]
    [InlineData(false, 2, 1, 2, 0)]
    [InlineData(true, 2, 3, 2, 3)]
    public void MaskedConv2dGradientMatchesFiniteDifferences(bool maskA, int inChannels, int outChannels, int halfWidth, int conditionSize)
    {
        const int height = 3, width = 4, sites = height * width;
        var window = new MaskedConv2dWindow(height, width, halfWidth);
        var parameters = new ParameterSet<double>();
        var layer = new MaskedConv2d<double>(parameters, "conv", window, maskA, inChannels, outChannels, conditionSize);
        GradientCheck.Randomize(parameters, 5);
        var rng = new Xoshiro256StarStar(6);
        var x = new double[sites * inChannels];
        for (int j = 0; j < x.Length; j++) x[j] = 2 * rng.NextDouble() - 1;
        var r = new double[sites * outChannels];
        for (int k = 0; k < r.Length; k++) r[k] = 2 * rng.NextDouble() - 1;
        byte[] c = conditionSize switch { 0 => [], 2 => [1, 1], _ => [1, 0, 1] };
        var cond = new double[conditionSize > 0 ? outChannels : 0];
        var y = new double[outChannels];
        var patch = new double[layer.PatchLength];

        // Loss L = Σ_{site, o} r[site, o] y[site, o], so dL/dy = r.
        double Loss()
        {
            layer.Condition(c, cond);
            double sum = 0;
            for (int site = 0; site < sites; site++)
            {
                layer.ForwardSite(site, x, cond, y, patch);
                for (int o = 0; o < outChannels; o++) sum += r[site * outChannels + o] * y[o];
            }
            return sum;
        }
        var gradient = parameters.CreateZerosLike();
        var dx = new double[x.Length];
        layer.Backward(x, c, r, gradient, dx, new double[layer.BackwardScratchLength]);
        GradientCheck.AssertMatches(parameters, gradient, Loss);
        for (int j = 0; j < x.Length; j++)
        {
            double numeric = GradientCheck.Derivative(x, j, Loss);
            Assert.True(Math.Abs(numeric - dx[j]) <= 1e-6 * Math.Abs(numeric) + 1e-9, $"dx[{j}]: analytic {dx[j]}, numeric {numeric}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void MaskedConv2dWindowListsExactlyTheInBoundsCausalOffsets(int halfWidth)
    {
        // Independent enumeration: every (dy, dx) in the square window, in raster order, strictly before the centre
        // for mask A; the window must list the in-bounds ones, each neighbour earlier in raster order.
        const int height = 4, width = 5;
        var window = new MaskedConv2dWindow(height, width, halfWidth);
        Assert.Equal(2 * halfWidth * halfWidth + 2 * halfWidth, window.Taps(maskA: true));
        for (int site = 0; site < height * width; site++)
        {
            int row = site / width, column = site % width, e = window.Start[site];
            for (int dy = -halfWidth; dy <= halfWidth; dy++)
            {
                for (int dx = -halfWidth; dx <= halfWidth; dx++)
                {
                    int r = row + dy, col = column + dx;
                    bool causal = dy < 0 || (dy == 0 && dx <= 0);
                    if (!causal || r < 0 || r >= height || col < 0 || col >= width) continue;
                    Assert.Equal(r * width + col, window.Neighbor[e]);
                    Assert.Equal(dy, window.OffsetY[window.Tap[e]]);
                    Assert.Equal(dx, window.OffsetX[window.Tap[e]]);
                    Assert.True(window.Neighbor[e] < site || (dy == 0 && dx == 0));
                    e++;
                }
            }
            Assert.Equal(window.Start[site + 1], e);
            Assert.Equal(site, window.Neighbor[e - 1]);
            Assert.Equal(e - 1, window.End(site, maskA: true));
        }
    }
}
