using Qec.Generative.Layers;
using Qec.Generative.Models;
using Qec.Generative.Parameters;

namespace Qec.Generative.Tests;

/// <summary>
/// An independent, deliberately plain PixelCNN: whole-lattice convolutions over the full (2k+1)×(2k+1) square with
/// an explicit mask, reading the parameters by name. A causal tap's index is its raster index in the full square,
/// t = (dy + k)(2k + 1) + (dx + k): mask A keeps t &lt; 2k² + 2k (strictly before the centre), mask B t ≤ 2k² + 2k.
/// Periodic: the position wraps around, the tap is kept when the wrapped site comes before the output site in raster
/// order (mask B: or is the centre), and the weights hold the whole square, the centre moved to the end.
/// </summary>
internal static class PixelCnnReference
{
    /// <summary>The logits z_i of every site for the given bits and condition.</summary>
    public static double[] Logits(PixelCnnConfig config, ParameterSet<double> parameters, byte[] bits, byte[] condition)
    {
        int n = config.Variables, c = config.Channels, layers = config.Layers;
        var input = new double[n];
        for (int i = 0; i < n; i++) input[i] = bits[i] != 0 ? 1 : -1;
        double[] h = input;
        int channels = 1;
        for (int l = 0; l < layers - 1; l++)
        {
            var pre = Convolve(config, parameters, $"conv{l}", h, channels, c, maskA: l == 0, condition);
            var next = new double[n * c];
            for (int k = 0; k < next.Length; k++)
            {
                double a = config.Activation == Activation.Tanh ? Math.Tanh(pre[k]) : Math.Max(pre[k], 0);
                next[k] = config.Residual && l > 0 ? h[k] + a : a;
            }
            h = next;
            channels = c;
        }
        return Convolve(config, parameters, "output", h, channels, 1, maskA: layers == 1, condition);
    }

    private static double[] Convolve(PixelCnnConfig config, ParameterSet<double> parameters, string name, double[] x,
        int inChannels, int outChannels, bool maskA, byte[] condition)
    {
        int height = config.Height, width = config.Width, k = config.HalfWidth, side = 2 * k + 1;
        int centre = 2 * k * k + 2 * k, taps = config.Periodic ? side * side - (maskA ? 1 : 0) : maskA ? centre : centre + 1;
        var weight = parameters[name + ".weight"].Data;
        var bias = parameters[name + ".bias"].Data;
        var y = new double[height * width * outChannels];
        for (int row = 0; row < height; row++)
        {
            for (int col = 0; col < width; col++)
            {
                for (int o = 0; o < outChannels; o++)
                {
                    double sum = bias[o];
                    for (int j = 0; j < config.ConditionSize; j++)
                        if (condition[j] != 0) sum += parameters[name + ".condition"].Data[j * outChannels + o];
                    for (int dy = -k; dy <= k; dy++)
                    {
                        for (int dx = -k; dx <= k; dx++)
                        {
                            int t = (dy + k) * side + (dx + k), r = row + dy, cc = col + dx;
                            if (config.Periodic)
                            {
                                r = (r + 100 * height) % height;
                                cc = (cc + 100 * width) % width;
                                bool isCentre = t == centre;
                                if (isCentre ? maskA : r * width + cc >= row * width + col) continue;
                                t = isCentre ? side * side - 1 : t < centre ? t : t - 1;
                            }
                            else if (t >= taps || r < 0 || r >= height || cc < 0 || cc >= width)
                            {
                                continue;
                            }
                            for (int ci = 0; ci < inChannels; ci++)
                                sum += weight[(o * taps + t) * inChannels + ci] * x[(r * width + cc) * inChannels + ci];
                        }
                    }
                    y[(row * width + col) * outChannels + o] = sum;
                }
            }
        }
        return y;
    }
}
