using System.Numerics;
using Qec.TensorNetwork.Contraction;
using Qec.TensorNetwork.Tensors;

namespace Qec.TensorNetwork.Tests.Contraction;

/// <summary>
/// The contraction engine against the definition: the sum over every assignment of every label of the
/// product of the tensors' entries, keeping the open labels — on random networks with hyperedges
/// (labels on three or more tensors), labels on one tensor only, open labels and disconnected parts.
/// </summary>
public class ContractionEngineTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Real_networks_equal_brute_force(int seed)
    {
        var random = new Random(seed);
        var (shape, tensors) = RandomNetwork(random, () => random.NextDouble() * 2 - 0.5);
        var expected = BruteForce(shape, tensors, (a, b) => a * b, 0.0);
        var actual = ContractionPlan.Greedy(shape).CreateExecutor<double>().Contract(tensors.Select((d, t) => new Tensor<double>(shape.TensorIndices[t], Dims(shape, t), d)).ToList());
        Assert.Equal(shape.OpenIndices, actual.Indices);
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k], actual.Data[k] * Math.Exp(actual.LogScale), 1e-12 * Math.Max(1, Math.Abs(expected[k])));
        }
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    public void Complex_networks_equal_brute_force(int seed)
    {
        var random = new Random(seed);
        var (shape, tensors) = RandomNetwork(random, () => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5));
        var expected = BruteForce(shape, tensors, (a, b) => a * b, Complex.Zero);
        var actual = ContractionPlan.Greedy(shape).CreateExecutor<Complex>().Contract(tensors.Select((d, t) => new Tensor<Complex>(shape.TensorIndices[t], Dims(shape, t), d)).ToList());
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.True(Complex.Abs(expected[k] - actual.Data[k] * Math.Exp(actual.LogScale)) < 1e-12 * Math.Max(1, Complex.Abs(expected[k])), $"element {k}");
        }
    }

    [Fact]
    public void Long_products_of_small_numbers_keep_their_log_scale()
    {
        // A chain of 2,000 matrices with entries ~1e-3: the result is ~1e-6000, far below double range.
        const int n = 2000;
        var indices = Enumerable.Range(0, n).Select(i => new[] { i, i + 1 }).ToList();
        var dims = Enumerable.Range(0, n + 1).ToDictionary(i => i, _ => 2);
        var shape = new NetworkShape(indices, dims, [0, n]);
        var matrix = new[] { 1e-3, 2e-3, 3e-3, 4e-3 };
        var (values, logScale) = ContractionPlan.Greedy(shape).CreateExecutor<double>().Contract(Enumerable.Repeat(matrix, n).ToList());
        // Independent reference: M^n by repeated 2×2 products, renormalized each time, logs summed.
        double[] power = [1, 0, 0, 1];
        double log = 0;
        for (int i = 0; i < n; i++)
        {
            power = [power[0] * matrix[0] + power[1] * matrix[2], power[0] * matrix[1] + power[1] * matrix[3],
                     power[2] * matrix[0] + power[3] * matrix[2], power[2] * matrix[1] + power[3] * matrix[3]];
            double max = power.Max();
            log += Math.Log(max);
            power = [.. power.Select(x => x / max)];
        }
        Assert.True(log < -10_000);  // e^-10000: no double holds it
        for (int k = 0; k < 4; k++)
        {
            Assert.Equal(log + Math.Log(power[k]), logScale + Math.Log(values[k]), 1e-9 * n);
        }
    }

    [Fact]
    public void The_cost_is_known_before_contracting_and_limits_refuse_clearly()
    {
        // Two 2^10-element tensors sharing nothing: an outer product of 2^20 elements.
        var a = Enumerable.Range(0, 10).ToArray();
        var b = Enumerable.Range(10, 10).ToArray();
        var shape = new NetworkShape([a, b], Enumerable.Range(0, 20).ToDictionary(i => i, _ => 2), [.. a, .. b]);
        var plan = ContractionPlan.Greedy(shape);
        Assert.Equal(Math.Pow(2, 20), plan.Cost.LargestIntermediate);
        Assert.Equal(1, plan.Cost.Steps);
        var e = Assert.Throws<ArgumentException>(() => plan.Cost.EnsureWithin(new ContractionLimits(1e12, Math.Pow(2, 16)), "test network"));
        Assert.Contains("test network: contracting it needs", e.Message);
        Assert.Contains("largest intermediate 2^20 elements", e.Message);
    }

    [Fact]
    public void Bad_shapes_are_refused_by_name()
    {
        var dims = new Dictionary<int, int> { [0] = 2, [1] = 2 };
        Assert.Contains("index 5 has no positive dimension", Assert.Throws<ArgumentException>(() => new NetworkShape([[0, 5]], dims, [])).Message);
        Assert.Contains("open index 7 is on no tensor", Assert.Throws<ArgumentException>(() => new NetworkShape([[0, 1]], dims, [7])).Message);
        Assert.Contains("names an index twice", Assert.Throws<ArgumentException>(() => new NetworkShape([[0, 0]], dims, [])).Message);
    }

    private static int[] Dims(NetworkShape shape, int t) => [.. shape.TensorIndices[t].Select(l => shape.Dimensions[l])];

    /// <summary>3–6 tensors of rank 1–3 over 6 labels of dimension 2 or 3; some labels open.</summary>
    private static (NetworkShape, List<T[]>) RandomNetwork<T>(Random random, Func<T> value)
    {
        int labels = 6, count = 3 + random.Next(4);
        var dims = Enumerable.Range(0, labels).ToDictionary(l => l, _ => 2 + random.Next(2));
        var indices = new List<int[]>();
        for (int t = 0; t < count; t++)
        {
            indices.Add([.. Enumerable.Range(0, labels).OrderBy(_ => random.Next()).Take(1 + random.Next(3))]);
        }
        var used = indices.SelectMany(i => i).Distinct().ToArray();
        var open = used.Where(_ => random.Next(3) == 0).Take(2).ToArray();
        var shape = new NetworkShape(indices, dims, open);
        var data = indices.Select(i => Enumerable.Range(0, (int)shape.Size(i)).Select(_ => value()).ToArray()).ToList();
        return (shape, data);
    }

    /// <summary>Σ over all labels not open of Π tensors, as a row-major array over the open labels.</summary>
    private static T[] BruteForce<T>(NetworkShape shape, List<T[]> data, Func<T, T, T> multiply, T zero)
        where T : INumberBase<T>
    {
        var labels = shape.TensorIndices.SelectMany(i => i).Distinct().Order().ToArray();
        var result = new T[(int)shape.Size(shape.OpenIndices)];
        Array.Fill(result, zero);
        var value = new Dictionary<int, int>();
        void Recurse(int k)
        {
            if (k == labels.Length)
            {
                T product = T.One;
                for (int t = 0; t < data.Count; t++)
                {
                    int offset = 0;
                    foreach (int l in shape.TensorIndices[t])
                    {
                        offset = offset * shape.Dimensions[l] + value[l];
                    }
                    product = multiply(product, data[t][offset]);
                }
                int o = 0;
                foreach (int l in shape.OpenIndices)
                {
                    o = o * shape.Dimensions[l] + value[l];
                }
                result[o] += product;
                return;
            }
            for (int v = 0; v < shape.Dimensions[labels[k]]; v++)
            {
                value[labels[k]] = v;
                Recurse(k + 1);
            }
        }
        Recurse(0);
        return result;
    }
}
