namespace Qec.TensorNetwork.Contraction;

/// <summary>
/// The bookkeeping every planner shares: which tensors are alive, which alive tensors hold each label,
/// and the step that contracting two of them makes (a label is summed as soon as the pair holds its last
/// occurrences and it is not open). A planner only decides which pair comes next.
/// </summary>
internal sealed class PlanBuilder
{
    private readonly NetworkShape _shape;
    private readonly HashSet<int> _open;
    private readonly List<ContractionStep> _steps = [];

    public PlanBuilder(NetworkShape shape)
    {
        _shape = shape;
        _open = [.. shape.OpenIndices];
        Labels = [.. shape.TensorIndices];
        Alive = [.. Enumerable.Range(0, shape.Count)];
        Holders = [];
        for (int t = 0; t < shape.Count; t++)
        {
            foreach (int l in Labels[t])
            {
                (Holders.TryGetValue(l, out var set) ? set : Holders[l] = []).Add(t);
            }
        }
    }

    /// <summary>Labels of every node (inputs, then results).</summary>
    public List<int[]> Labels { get; }

    /// <summary>Nodes not yet contracted.</summary>
    public SortedSet<int> Alive { get; }

    /// <summary>Label → alive nodes holding it.</summary>
    public Dictionary<int, SortedSet<int>> Holders { get; }

    /// <summary>Dimensions of the labels.</summary>
    public IReadOnlyDictionary<int, int> Dims => _shape.Dimensions;

    /// <summary>Elements of a node.</summary>
    public double Size(int node) => _shape.Size(Labels[node]);

    /// <summary>Whether contracting a with b sums <paramref name="label"/>: no other alive node holds it and it is not open.</summary>
    public bool SummedBy(int label, int a, int b)
    {
        if (_open.Contains(label))
        {
            return false;
        }
        foreach (int h in Holders[label])
        {
            if (h != a && h != b)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Elements of the result of contracting a with b, and its multiply-adds.</summary>
    public (double Size, double Flops) Preview(int a, int b)
    {
        double kept = 1, all = 1;
        foreach (int l in Labels[a].Union(Labels[b]))
        {
            all *= Dims[l];
            kept *= SummedBy(l, a, b) ? 1 : Dims[l];
        }
        return (kept, all);
    }

    /// <summary>Contracts a with b; returns the new node.</summary>
    public int Contract(int a, int b)
    {
        int[] la = Labels[a], lb = Labels[b];
        var batch = la.Where(l => lb.Contains(l) && !SummedBy(l, a, b)).ToArray();
        var summed = la.Where(l => lb.Contains(l) && SummedBy(l, a, b)).ToArray();
        var leftOnly = la.Where(l => !lb.Contains(l) && !SummedBy(l, a, b)).ToArray();
        var rightOnly = lb.Where(l => !la.Contains(l) && !SummedBy(l, a, b)).ToArray();
        int result = Labels.Count;
        var step = new ContractionStep
        {
            Left = a,
            Right = b,
            Result = result,
            LeftIndices = la,
            RightIndices = lb,
            ResultIndices = [.. batch, .. leftOnly, .. rightOnly],
            Batch = batch,
            Summed = summed,
            LeftOnly = leftOnly,
            RightOnly = rightOnly,
            BatchSize = _shape.Size(batch),
            LeftSize = _shape.Size(leftOnly),
            RightSize = _shape.Size(rightOnly),
            SumSize = _shape.Size(summed),
        };
        Labels.Add(step.ResultIndices);
        foreach (int l in la.Concat(lb))
        {
            Holders[l].Remove(a);
            Holders[l].Remove(b);
        }
        foreach (int l in step.ResultIndices)
        {
            Holders[l].Add(result);
        }
        Alive.Remove(a);
        Alive.Remove(b);
        Alive.Add(result);
        _steps.Add(step);
        return result;
    }

    /// <summary>Contracts what is left, smallest pairs first (outer products of disconnected parts), and returns the plan.</summary>
    public ContractionPlan Finish()
    {
        while (Alive.Count > 1)
        {
            var two = Alive.OrderBy(Size).ThenBy(t => t).Take(2).ToArray();
            Contract(Math.Min(two[0], two[1]), Math.Max(two[0], two[1]));
        }
        return new ContractionPlan(_shape, _steps, Labels, Alive.Min);
    }
}
