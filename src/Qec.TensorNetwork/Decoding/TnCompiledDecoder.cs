using Qec.Core.Decoding;
using Qec.Core.Graphs;
using Qec.Gpu;
using Qec.TensorNetwork.Contraction;
using Qec.TensorNetwork.Decoding.Pruned;
using Qec.TensorNetwork.Gpu;

namespace Qec.TensorNetwork.Decoding;

/// <summary>
/// The <c>tn</c> decoder compiled for one model: its parity network and contraction plan (exact mode),
/// shared by every <see cref="TnDecoder"/> made from it.
/// </summary>
public sealed class TnCompiledDecoder : ICompiledDecoder, IDisposable
{
    private readonly Func<ICosetSolver> _solvers;

    private TnCompiledDecoder(CheckMatrix matrix, TnOptions options, ContractionCost cost, Func<ICosetSolver> solvers, ICosetBatch? gpu = null)
    {
        Matrix = matrix;
        Options = options;
        Cost = cost;
        _solvers = solvers;
        Gpu = gpu;
    }

    /// <summary>The batch path on an ILGPU accelerator (option <c>device</c>; exact and boundary modes), or null.</summary>
    public ICosetBatch? Gpu { get; }

    /// <summary>The model's check matrix.</summary>
    public CheckMatrix Matrix { get; }

    /// <summary>The options it was compiled with.</summary>
    public TnOptions Options { get; }

    /// <summary>What one shot's contraction costs (exact mode; pruned mode: its bound), known before any shot; zero in boundary mode.</summary>
    public ContractionCost Cost { get; }

    /// <inheritdoc/>
    public string Name => TnDecoderFactory.DecoderName;

    /// <inheritdoc/>
    public int NumDetectors => Matrix.Detectors.Rows;

    /// <inheritdoc/>
    public int NumObservables => Matrix.Observables.Rows;

    /// <summary>Most observables: the decoder weighs all 2^k classes.</summary>
    public const int MaxObservables = 20;

    /// <summary>
    /// Compiles exact mode: plans the parity network and refuses it, naming its cost and the limit,
    /// when one shot's contraction would exceed <see cref="TnOptions.Limits"/>.
    /// </summary>
    public static TnCompiledDecoder CompileExact(CheckMatrix matrix, TnOptions options)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        CheckObservables(matrix);
        var network = new ParityNetwork(matrix, SweepOrder.Best(matrix).Order);
        var plan = Plan(network);
        plan.Cost.EnsureWithin(options.Limits, $"tn (exact): the parity network of this model ({matrix.Detectors.Rows} detectors, {matrix.NumMechanisms} mechanisms)");
        var accelerator = ComputeDevices.Open(options.Device, TnDecoderFactory.DecoderName);
        var gpu = accelerator is null ? null : new GpuCosetBatch(network, plan, accelerator);
        return new TnCompiledDecoder(matrix, options, plan.Cost, () => new ExactCosets(network, plan), gpu);
    }

    /// <summary>
    /// Compiles pruned mode: the frontier schedule of the sweep (refused when wider than 128 bits), with
    /// its cost per shot — two multiply-adds per kept state per mechanism — held to the same limits.
    /// </summary>
    public static TnCompiledDecoder CompilePruned(CheckMatrix matrix, TnOptions options)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(options);
        CheckObservables(matrix);
        var schedule = new FrontierSchedule(matrix);
        double states = 2.0 * options.States;
        var cost = new ContractionCost(states * schedule.Steps, states, states, schedule.Steps);
        cost.EnsureWithin(options.Limits, $"tn (mode=pruned, states={options.States}): the sweep of this model ({matrix.Detectors.Rows} detectors, {matrix.NumMechanisms} mechanisms)");
        return new TnCompiledDecoder(matrix, options, cost, () => PrunedCosets.Create(schedule, options.States));
    }

    /// <summary>
    /// The sweep along the network's mechanism order (cheap to find, right for time-ordered DEMs); for small
    /// networks also the local searches, keeping whichever costs fewer multiply-adds.
    /// </summary>
    private static ContractionPlan Plan(ParityNetwork network)
    {
        var sweep = ContractionPlan.Sweep(network.Shape, network.MechanismOrder);
        if (network.Shape.Count > SmallNetwork)
        {
            return sweep;
        }
        var other = ContractionPlan.Best(network.Shape);
        return other.Cost.Flops < sweep.Cost.Flops ? other : sweep;
    }

    /// <summary>Networks up to this many tensors are also planned by the (quadratic) local searches.</summary>
    private const int SmallNetwork = 300;

    /// <summary>Compiles with a solver factory (and maybe a batch path) made elsewhere (boundary mode).</summary>
    internal static TnCompiledDecoder Compile(CheckMatrix matrix, TnOptions options, ContractionCost cost, Func<ICosetSolver> solvers,
        ICosetBatch? gpu = null)
    {
        CheckObservables(matrix);
        return new TnCompiledDecoder(matrix, options, cost, solvers, gpu);
    }

    /// <inheritdoc/>
    IDecoder ICompiledDecoder.CreateDecoder() => CreateDecoder();

    /// <inheritdoc/>
    public void Dispose() => Gpu?.Dispose();

    /// <summary>A fresh decoder with its own workspace.</summary>
    public TnDecoder CreateDecoder() => new(this, _solvers());

    private static void CheckObservables(CheckMatrix matrix)
    {
        if (matrix.Observables.Rows > MaxObservables)
        {
            throw new ArgumentException($"tn: {matrix.Observables.Rows} observables make 2^{matrix.Observables.Rows} logical classes; the limit is {MaxObservables} observables");
        }
        for (int o = 0; o < matrix.Observables.Rows; o++)
        {
            if (matrix.Observables.RowEntries(o).IsEmpty)
            {
                throw new ArgumentException($"tn: observable L{o} is flipped by no error mechanism: its class is not defined");
            }
        }
    }
}
