using Qec.Core.Dem;
using Qec.TensorNetwork.Planar.Engine;

namespace Qec.TensorNetwork.Planar;

/// <summary>
/// Approximate maximum-likelihood class weights of a planar detector error model by boundary-MPS
/// contraction with bond dimension χ (Bravyi, Suchara &amp; Vargo, "Efficient algorithms for maximum
/// likelihood decoding in the surface code", PRA 90, 032326 (2014), arXiv:1405.4883): for a syndrome s
/// it computes, for every logical class c (bit i = observable L_i),
/// Z(c | s) = Σ_{e: He = s, Le = c} Π_j p_j^{e_j} (1 − p_j)^{1 − e_j} = P(syndrome s, observables c),
/// exactly when χ is at least the largest bond the sweep needs, and with error controlled by the
/// reported discarded weight otherwise. Cost O(n χ³) per shot for n mechanisms.
/// </summary>
/// <remarks>
/// <para>The layout is derived from the model alone: each detector that some error flips is placed at its
/// first two coordinates (further coordinates must agree: one time slice), each error is a mechanism
/// of its own prior (a column of <see cref="Core.Graphs.CheckMatrix"/>), and the sweep direction is
/// chosen so that every mechanism touches a short window of the front. The rotated surface code under
/// code-capacity bit flips and depolarizing noise (Y written as "Z-check part ^ X-check part") of any
/// distance, and Stim's code-capacity surface-code models, are planar in this sense; space-time models
/// and codes on a torus are refused.</para>
/// <para>Compile once per model; then one instance per thread (<see cref="CreateSibling"/> shares the
/// compiled sweep). <see cref="Compute"/> runs <see cref="BoundarySweep{TShot, TProgram}"/> over buffers laid out once
/// (<see cref="BoundaryLayout"/>): nothing is allocated per shot.</para>
/// </remarks>
public sealed class BoundaryMpsCosets
{
    /// <summary>Largest bond dimension accepted for any model.</summary>
    public const int MaxChi = 4096;

    /// <summary>
    /// Largest matrix side an SVD may have: a window of w sites is split through matrices of up to
    /// χ·2^(w−1) columns, so χ·2^(w−1) must stay within this (the window tensor has up to χ²·2^w entries).
    /// </summary>
    public const int MaxSvdSide = 8192;

    private readonly SweepProgram _program;
    private readonly ArraySweepProgram _view;
    private readonly double[] _doubles;
    private readonly int[] _ints;
    private readonly byte[] _syndrome;
    private readonly double[] _logWeights;

    private BoundaryMpsCosets(SweepProgram program, ArraySweepProgram view, int chi)
    {
        _program = program;
        _view = view;
        Chi = chi;
        Layout = BoundaryLayout.For(chi, program.LongestFront, program.LongestWindow, program.NumObservables);
        _doubles = new double[Layout.DoubleLength];
        _ints = new int[Layout.IntLength];
        _syndrome = new byte[DetectorBytes];
        _logWeights = new double[NumClasses];
    }

    /// <summary>Where one shot's working memory lives (the GPU batch lays out each thread's the same way).</summary>
    internal BoundaryLayout Layout { get; }

    /// <summary>The compiled sweep (the GPU batch uploads it).</summary>
    internal SweepProgram Program => _program;

    /// <summary>The sweep's steps, gates and dead detectors as arrays.</summary>
    internal ArraySweepProgram ProgramView => _view;

    /// <summary>Bond dimension χ: the most singular values any truncation keeps.</summary>
    public int Chi { get; }

    /// <summary>Detectors per shot.</summary>
    public int NumDetectors => _program.NumDetectors;

    /// <summary>Observables k: there are 2^k classes.</summary>
    public int NumObservables => _program.NumObservables;

    /// <summary>Length of the output of <see cref="Compute"/>: 2^k.</summary>
    public int NumClasses => 1 << _program.NumObservables;

    /// <summary>Bytes of one packed (b8) syndrome: ceil(detectors / 8).</summary>
    public int DetectorBytes => (_program.NumDetectors + 7) >> 3;

    /// <summary>The chosen sweep in one line (direction, steps, longest front and window).</summary>
    public string Sweep => _program.ToString();

    /// <summary>Compiles a model for bond dimension <paramref name="chi"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">χ is below 1, above <see cref="MaxChi"/>, or too large for the model's windows (<see cref="MaxSvdSide"/>).</exception>
    /// <exception cref="ArgumentException">the model is not planar; the message, starting "approximate mode needs a planar model: ", says why.</exception>
    public static BoundaryMpsCosets Compile(DetectorErrorModel model, int chi)
    {
        ArgumentNullException.ThrowIfNull(model);
        ValidateChi(chi);
        return Compile(model.Flatten(), chi);
    }

    /// <inheritdoc cref="Compile(DetectorErrorModel, int)"/>
    public static BoundaryMpsCosets Compile(FlatDetectorErrorModel model, int chi)
    {
        ArgumentNullException.ThrowIfNull(model);
        ValidateChi(chi);
        var program = SweepProgram.Compile(PlanarLayout.From(model));
        long side = (long)chi << (program.LongestWindow - 1);
        if (side > MaxSvdSide)
        {
            throw new ArgumentOutOfRangeException(nameof(chi), chi,
                $"χ = {chi} with windows of {program.LongestWindow} sites needs SVDs with {side} columns; at most {MaxSvdSide} " +
                $"(χ ≤ {MaxSvdSide >> (program.LongestWindow - 1)} for this model)");
        }
        return new BoundaryMpsCosets(program, new ArraySweepProgram(program), chi);
    }

    /// <summary>Another instance over the same compiled sweep with its own buffers (for another thread).</summary>
    public BoundaryMpsCosets CreateSibling() => new(_program, _view, Chi);

    /// <summary>
    /// Writes ln Z(c | s) for every class c into <paramref name="logClassProbabilities"/>[c]: the natural log
    /// of the unnormalized class weight, which is the joint probability P(s, c) (normalize over c for
    /// P(c | s)). A class of zero weight (or, after truncation, of non-positive weight) gets −∞; so does
    /// every class of a shot that sets a detector no error flips.
    /// </summary>
    /// <param name="packedSyndrome">Detection events, Stim's b8 (detector k in byte k&gt;&gt;3, bit k&amp;7).</param>
    /// <param name="logClassProbabilities">At least <see cref="NumClasses"/> entries; class c's bit i is observable L_i.</param>
    /// <returns>The discarded weight of the truncations.</returns>
    /// <exception cref="ArgumentException">a span is too short.</exception>
    public BoundaryMpsResult Compute(ReadOnlySpan<byte> packedSyndrome, Span<double> logClassProbabilities)
    {
        if (packedSyndrome.Length < DetectorBytes)
        {
            throw new ArgumentException(
                $"syndrome has {packedSyndrome.Length} bytes; {NumDetectors} detectors need {DetectorBytes}", nameof(packedSyndrome));
        }
        if (logClassProbabilities.Length < NumClasses)
        {
            throw new ArgumentException(
                $"output has {logClassProbabilities.Length} entries; {NumObservables} observables give {NumClasses} classes",
                nameof(logClassProbabilities));
        }
        packedSyndrome[..DetectorBytes].CopyTo(_syndrome);
        var sweep = new BoundarySweep<ArrayBoundaryShot, ArraySweepProgram>(
            new ArrayBoundaryShot(_doubles, _ints, _syndrome, _logWeights), _view, Layout);
        var result = sweep.Run();
        if (sweep.Overflowed)
        {
            throw new InvalidOperationException($"boundary MPS outgrew its layout ({Layout}): a bug in the sweep compiler");
        }
        _logWeights.CopyTo(logClassProbabilities);
        return result;
    }

    /// <summary>The class of largest weight (the maximum-likelihood decision); the lowest index among equals.</summary>
    public static int MostLikelyClass(ReadOnlySpan<double> logClassProbabilities)
    {
        int best = 0;
        for (int c = 1; c < logClassProbabilities.Length; c++)
        {
            if (logClassProbabilities[c] > logClassProbabilities[best])
            {
                best = c;
            }
        }
        return best;
    }

    private static void ValidateChi(int chi)
    {
        if (chi < 1 || chi > MaxChi)
        {
            throw new ArgumentOutOfRangeException(nameof(chi), chi, $"bond dimension χ must lie in [1, {MaxChi}]");
        }
    }
}
