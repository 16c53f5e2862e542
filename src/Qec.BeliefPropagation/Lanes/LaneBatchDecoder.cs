using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Qec.BeliefPropagation.Decoders;
using Qec.BeliefPropagation.Graph;
using Qec.BeliefPropagation.MessagePassing;
using Qec.BeliefPropagation.Osd;
using Qec.BeliefPropagation.Relay;

namespace Qec.BeliefPropagation.Lanes;

/// <summary>
/// Flooding min-sum BP on four shots at once, one per lane of a 256-bit vector, for the CPU batch path
/// (one thread). Each lane computes exactly what <see cref="ArraySteps"/> computes for its shot — the
/// same IEEE operations in the same order, selects in place of branches — so decisions, iteration
/// counts and posteriors equal the single-shot path bit for bit (a test holds them equal). A lane whose
/// shot converges or reaches max_iter is emptied and refilled with the next shot at once (lanes run
/// different iterations of different shots), so no lane idles until the batch runs out of shots.
/// bposd's OSD runs on the lane's posteriors when its BP did not converge. With Relay-BP settings each
/// lane runs the legs of <see cref="RelayEngine"/> for its shot (memory strengths per lane, posteriors
/// relayed from leg to leg, the lightest solution kept), again bit for bit.
/// </summary>
internal sealed class LaneBatchDecoder
{
    private const int Lanes = 4;

    private readonly TannerGraph _graph;
    private readonly BpSettings _settings;
    private readonly RelaySettings? _relay;
    private readonly OrderedStatistics? _osd;
    private readonly Vector256<double>[] _v2c, _c2v, _posterior, _decision, _unsatisfied, _syndrome, _gamma;
    private readonly int[] _laneShot = new int[Lanes], _laneIterations = new int[Lanes];
    private readonly double[] _lanePosteriors;
    private readonly bool[] _laneDecision;
    private readonly RelayLane[] _relayLanes = new RelayLane[Lanes];
    private Vector256<long> _unsatisfiedCount;

    /// <summary>
    /// Working memory for batches of <paramref name="graph"/> under <paramref name="settings"/> (flooding
    /// min-sum); with <paramref name="relay"/>, Relay-BP; with <paramref name="osd"/>, bposd.
    /// </summary>
    public LaneBatchDecoder(TannerGraph graph, BpSettings settings, RelaySettings? relay, OrderedStatistics? osd)
    {
        _graph = graph;
        _settings = settings;
        _relay = relay;
        _osd = osd;
        _gamma = new Vector256<double>[relay is null ? 0 : graph.NumVariables];
        _v2c = new Vector256<double>[graph.NumEdges];
        _c2v = new Vector256<double>[graph.NumEdges];
        _posterior = new Vector256<double>[graph.NumVariables];
        _decision = new Vector256<double>[graph.NumVariables];
        _unsatisfied = new Vector256<double>[graph.NumChecks];
        _syndrome = new Vector256<double>[graph.NumChecks];
        _lanePosteriors = new double[graph.NumVariables];
        _laneDecision = new bool[graph.NumVariables];
    }

    /// <summary>Whether the lanes apply: flooding min-sum without memory, on hardware with 256-bit vectors.</summary>
    public static bool Supports(BpSettings settings) =>
        Vector256.IsHardwareAccelerated && settings.Schedule == BpSchedule.Flooding && settings.Method == BpMethod.MinSum;

    /// <summary>
    /// Decodes <paramref name="shots"/> b8-packed shots into b8-packed observable flips; when the spans
    /// are not empty, also each shot's iterations and whether its prediction satisfies its syndrome.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]  // long loops entered rarely: no tier-0 / OSR phase
    public void Decode(ReadOnlySpan<byte> detectionEvents, Span<byte> observableFlips, int shots, Span<int> iterations, Span<bool> converged)
    {
        int db = (_graph.NumChecks + 7) >> 3, ob = (_graph.NumObservables + 7) >> 3;
        int next = 0, active = 0;
        for (int lane = 0; lane < Lanes; lane++)
        {
            _laneShot[lane] = -1;
        }
        while (true)
        {
            for (int lane = 0; lane < Lanes; lane++)
            {
                // Refill empty lanes; a shot its prior decision already explains finishes at once.
                while (_laneShot[lane] < 0 && next < shots)
                {
                    int shot = next++;
                    var syndrome = detectionEvents.Slice(shot * db, db);
                    if (!_graph.HasNonPositivePrior && !syndrome.ContainsAnyExcept((byte)0))
                    {
                        // No detection event and every prior favours no flip: the empty correction, no iteration.
                        observableFlips.Slice(shot * ob, ob).Clear();
                        Record(iterations, converged, shot, 0, true);
                        continue;
                    }
                    if (Load(lane, syndrome))
                    {
                        _laneShot[lane] = shot;
                        active++;
                    }
                    else
                    {
                        // Nothing to explain: the prior's decision (RelayEngine: a solution without any leg).
                        Finish(lane, shot, detectionEvents.Slice(shot * db, db), observableFlips.Slice(shot * ob, ob), iterations, converged, true);
                    }
                }
            }
            if (active == 0)
            {
                return;
            }
            Iterate();
            for (int lane = 0; lane < Lanes; lane++)
            {
                int shot = _laneShot[lane];
                if (shot < 0)
                {
                    continue;
                }
                _laneIterations[lane]++;
                bool done = _unsatisfiedCount.GetElement(lane) == 0;
                var output = observableFlips.Slice(shot * ob, ob);
                bool finished = _relay is { } relay
                    ? (done || _laneIterations[lane] == _relayLanes[lane].LegIterations) && EndLeg(lane, relay, done, output, iterations, converged, shot)
                    : done || _laneIterations[lane] == _settings.MaxIterations;
                if (finished)
                {
                    if (_relay is null)
                    {
                        Finish(lane, shot, detectionEvents.Slice(shot * db, db), output, iterations, converged, done);
                    }
                    _laneShot[lane] = -1;
                    active--;
                }
            }
        }
    }

    /// <summary>Starts a shot in a lane as <see cref="ArraySteps.StartFromPriors"/> and ResetMessages do; false when nothing is unsatisfied.</summary>
    private bool Load(int lane, ReadOnlySpan<byte> syndrome)
    {
        var priors = _graph.PriorLlr;
        var posterior = Lane(_posterior);
        var decision = Lane(_decision);
        for (int v = 0; v < priors.Length; v++)
        {
            posterior[v * Lanes + lane] = priors[v];
            decision[v * Lanes + lane] = Mask(priors[v] <= 0);
        }
        ResetMessages(lane);
        var unsatisfied = Lane(_unsatisfied);
        var checks = Lane(_syndrome);
        long count = 0;
        for (int c = 0; c < _graph.NumChecks; c++)
        {
            bool bit = ((syndrome[c >> 3] >> (c & 7)) & 1) != 0, u = bit;
            for (int i = _graph.RowStart[c]; i < _graph.RowStart[c + 1] && _graph.HasNonPositivePrior; i++)
            {
                u ^= priors[_graph.EdgeVariable[_graph.RowEdges[i]]] <= 0;
            }
            checks[c * Lanes + lane] = Mask(bit);
            unsatisfied[c * Lanes + lane] = Mask(u);
            count += u ? 1 : 0;
        }
        _unsatisfiedCount = _unsatisfiedCount.WithElement(lane, count);
        _laneIterations[lane] = 0;
        if (_relay is { } relay && count > 0)
        {
            // RelayEngine's first leg: uniform memory γ0, pre_iter iterations.
            SetMemoryStrengths(lane, relay, 0);
            _relayLanes[lane] = new RelayLane(0, relay.FirstLegIterations, 0, 0, double.PositiveInfinity);
        }
        return count > 0;
    }

    /// <summary>
    /// The end of a Relay-BP leg in one lane (<see cref="RelayEngine.Run"/>'s loop body): the first leg's
    /// decision is the fallback prediction, a converged leg is a solution kept when lightest; then either
    /// the shot is done (S solutions or R legs: its prediction is written, true returned) or the next leg
    /// starts from the relayed posteriors with fresh messages and disordered strengths.
    /// </summary>
    private bool EndLeg(int lane, RelaySettings relay, bool converged, Span<byte> output, Span<int> iterations, Span<bool> convergedFlags, int shot)
    {
        var state = _relayLanes[lane];
        state = state with { Iterations = state.Iterations + _laneIterations[lane] };
        if (state.Leg == 0 || converged)
        {
            double weight = converged ? Decisions.Weight(_graph, LaneDecision(lane)) : double.PositiveInfinity;
            if (state.Leg == 0 || weight < state.BestWeight)
            {
                Decisions.Observables(_graph, LaneDecision(lane), output);
                state = state with { BestWeight = converged ? weight : state.BestWeight };
            }
            state = state with { Solutions = state.Solutions + (converged ? 1 : 0) };
        }
        if (state.Solutions >= relay.Solutions || state.Leg == relay.Legs)
        {
            Record(iterations, convergedFlags, shot, state.Iterations, state.Solutions > 0);
            return true;
        }
        int leg = state.Leg + 1;
        SetMemoryStrengths(lane, relay, leg);
        ResetMessages(lane);
        _relayLanes[lane] = state with { Leg = leg, LegIterations = relay.LegIterations };
        _laneIterations[lane] = 0;
        return false;
    }

    /// <summary>Every variable sends its prior: the lane's first variable-to-check messages of a run or leg.</summary>
    private void ResetMessages(int lane)
    {
        var v2c = Lane(_v2c);
        var edgePriors = _graph.EdgePriorLlr;
        for (int e = 0; e < edgePriors.Length; e++)
        {
            v2c[e * Lanes + lane] = edgePriors[e];
        }
    }

    /// <summary>The lane's memory strengths for leg <paramref name="leg"/>: γ0 in the first, disordered after.</summary>
    private void SetMemoryStrengths(int lane, RelaySettings relay, int leg)
    {
        var strengths = Lane(_gamma);
        int n = _graph.NumVariables;
        for (int v = 0; v < n; v++)
        {
            strengths[v * Lanes + lane] = leg == 0 ? relay.Gamma0 : relay.MemoryStrength(leg, v, n);
        }
    }

    /// <summary>The lane's hard decision, one flag per variable (in a scratch array).</summary>
    private bool[] LaneDecision(int lane)
    {
        var decision = Lane(_decision);
        for (int v = 0; v < _laneDecision.Length; v++)
        {
            _laneDecision[v] = BitConverter.DoubleToInt64Bits(decision[v * Lanes + lane]) != 0;
        }
        return _laneDecision;
    }

    /// <summary>One flooding min-sum iteration of every lane (each lane at its own iteration, so its own α).</summary>
    private void Iterate()
    {
        var alpha = Vector256.Create(
            _settings.ScalingAt(_laneIterations[0] + 1), _settings.ScalingAt(_laneIterations[1] + 1),
            _settings.ScalingAt(_laneIterations[2] + 1), _settings.ScalingAt(_laneIterations[3] + 1));
        SendCheckMessages(alpha);
        UpdateVariables();
    }

    /// <summary><see cref="ArraySteps"/>' check update in four lanes: branches become selects.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SendCheckMessages(Vector256<double> alpha)
    {
        var rowStart = _graph.RowStart;
        var rowEdges = _graph.RowEdges;
        var sole = Vector256.Create(CheckUpdate.SoleEdgeMagnitude);
        var signBit = Vector256.Create(-0.0);
        for (int c = 0; c < _graph.NumChecks; c++)
        {
            var parity = _syndrome[c];
            Vector256<double> min1 = sole, min2 = sole;
            var argMin = Vector256.Create(-1L);
            int begin = rowStart[c], end = rowStart[c + 1];
            for (int i = begin; i < end; i++)
            {
                var m = _v2c[rowEdges[i]];
                parity ^= Vector256.LessThanOrEqual(m, Vector256<double>.Zero);
                var a = Vector256.ConditionalSelect(Vector256.LessThan(m, Vector256<double>.Zero), -m, m);
                var below1 = Vector256.LessThan(a, min1);
                var below2 = Vector256.LessThan(a, min2);
                min2 = Vector256.ConditionalSelect(below1, min1, Vector256.ConditionalSelect(below2, a, min2));
                min1 = Vector256.ConditionalSelect(below1, a, min1);
                argMin = Vector256.ConditionalSelect(below1.AsInt64(), Vector256.Create((long)rowEdges[i]), argMin);
            }
            var out1 = alpha * min1;
            var out2 = alpha * min2;
            for (int i = begin; i < end; i++)
            {
                int e = rowEdges[i];
                var magnitude = Vector256.ConditionalSelect(Vector256.Equals(argMin, Vector256.Create((long)e)).AsDouble(), out2, out1);
                var negative = parity ^ Vector256.LessThanOrEqual(_v2c[e], Vector256<double>.Zero);
                _c2v[e] = magnitude ^ (negative & signBit);
            }
        }
    }

    /// <summary><see cref="ArraySteps"/>' variable update and decision in four lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void UpdateVariables()
    {
        var columnStart = _graph.ColumnStart;
        var edgeCheck = _graph.EdgeCheck;
        var priors = _graph.PriorLlr;
        var bound = Vector256.Create(BpEngine.MessageBound);
        var one = Vector256.Create(1L);
        var count = _unsatisfiedCount;
        bool withMemory = _relay is not null;
        for (int v = 0; v < priors.Length; v++)
        {
            int begin = columnStart[v], end = columnStart[v + 1];
            var sum = Vector256.Create(priors[v]);
            if (withMemory)
            {
                // VariableUpdate.MemoryPrior per lane: (1 − γ)·Λ + γ·M, each product rounded on its own.
                var gamma = _gamma[v];
                sum = (Vector256<double>.One - gamma) * sum + gamma * _posterior[v];
            }
            for (int e = begin; e < end; e++)
            {
                _v2c[e] = sum;
                sum += _c2v[e];
            }
            sum = Vector256.ConditionalSelect(Vector256.GreaterThan(sum, bound), bound,
                Vector256.ConditionalSelect(Vector256.LessThan(sum, -bound), -bound, sum));
            _posterior[v] = sum;
            var others = Vector256<double>.Zero;
            for (int e = end - 1; e >= begin; e--)
            {
                _v2c[e] += others;
                others += _c2v[e];
            }
            var flipped = Vector256.LessThanOrEqual(sum, Vector256<double>.Zero);
            var change = (flipped ^ _decision[v]).AsInt64();
            if (change != Vector256<long>.Zero)
            {
                _decision[v] = flipped;
                for (int e = begin; e < end; e++)
                {
                    int c = edgeCheck[e];
                    var now = _unsatisfied[c].AsInt64() ^ change;
                    _unsatisfied[c] = now.AsDouble();
                    count += (change & now & one) - (change & ~now & one);
                }
            }
        }
        _unsatisfiedCount = count;
    }

    /// <summary>Writes a finished lane's prediction (running OSD first when bposd's BP did not converge).</summary>
    private void Finish(int lane, int shot, ReadOnlySpan<byte> syndrome, Span<byte> output, Span<int> iterations, Span<bool> converged, bool bpConverged)
    {
        bool satisfied = bpConverged;
        ReadOnlySpan<bool> solution = LaneDecision(lane);
        if (!bpConverged && _osd is not null)
        {
            var posterior = Lane(_posterior);
            for (int v = 0; v < _lanePosteriors.Length; v++)
            {
                _lanePosteriors[v] = posterior[v * Lanes + lane];
            }
            satisfied = _osd.Solve(syndrome, _lanePosteriors);
            solution = _osd.Solution;
        }
        Decisions.Observables(_graph, solution, output);
        Record(iterations, converged, shot, _laneIterations[lane], satisfied);
    }

    private static void Record(Span<int> iterations, Span<bool> converged, int shot, int shotIterations, bool satisfied)
    {
        if (!iterations.IsEmpty)
        {
            iterations[shot] = shotIterations;
        }
        if (!converged.IsEmpty)
        {
            converged[shot] = satisfied;
        }
    }

    private static Span<double> Lane(Vector256<double>[] vectors) => MemoryMarshal.Cast<Vector256<double>, double>(vectors.AsSpan());

    private static double Mask(bool set) => set ? BitConverter.Int64BitsToDouble(-1L) : 0.0;
}

/// <summary>Where one lane's shot is in its Relay-BP run.</summary>
/// <param name="Leg">Leg now running (0 = the first, uniform-memory leg).</param>
/// <param name="LegIterations">Iterations this leg may take.</param>
/// <param name="Iterations">Iterations of the finished legs.</param>
/// <param name="Solutions">Legs that ended converged.</param>
/// <param name="BestWeight">Weight of the kept solution (+∞: none yet).</param>
internal readonly record struct RelayLane(int Leg, int LegIterations, int Iterations, int Solutions, double BestWeight);
