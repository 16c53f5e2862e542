using Qec.Core.Decoding.Streaming;
using Qec.Core.Dem;

namespace Qec.Server.Tests.Support;

/// <summary>
/// One stream-mode experiment: a shortened reference model (noise scaled so that logical errors
/// happen), sampled shots at a fixed seed, and the offline answers every server path must equal:
/// the streaming decoder run in the test on the same rounds (partial frames and final
/// prediction), plus whole-shot decoding's logical error count as the accuracy baseline.
/// </summary>
public sealed class StreamScenario
{
    private StreamScenario(string demText, DetectorErrorModel model, string decoder, Dictionary<string, string> options,
        IStreamingCompiledDecoder compiled, byte[] detections, byte[] observables, int detectorBytes, int shots)
    {
        DemText = demText;
        Model = model;
        Decoder = decoder;
        Options = options;
        Compiled = compiled;
        Detections = detections;
        Observables = observables;
        DetectorBytes = detectorBytes;
        Shots = shots;
        Offline = StreamModels.DecodeOffline(compiled, detections, detectorBytes, shots);
    }

    /// <summary>The model as sent to the server.</summary>
    public string DemText { get; }

    /// <summary>The model parsed back from <see cref="DemText"/> (what the server sees).</summary>
    public DetectorErrorModel Model { get; }

    /// <summary>Decoder name.</summary>
    public string Decoder { get; }

    /// <summary>Decoder options (window, commit).</summary>
    public Dictionary<string, string> Options { get; }

    /// <summary>The offline streaming decoder.</summary>
    public IStreamingCompiledDecoder Compiled { get; }

    /// <summary>The model's rounds.</summary>
    public RoundLayout Layout => Compiled.Layout;

    /// <summary>Sampled detection events, b8, back to back.</summary>
    public byte[] Detections { get; }

    /// <summary>Sampled actual observable flips, b8, back to back.</summary>
    public byte[] Observables { get; }

    /// <summary>Bytes per shot of detection events.</summary>
    public int DetectorBytes { get; }

    /// <summary>Bytes per shot of observable flips.</summary>
    public int ObservableBytes => (Layout.NumObservables + 7) >> 3;

    /// <summary>Number of shots.</summary>
    public int Shots { get; }

    /// <summary>Offline answers, per shot.</summary>
    public OfflineShot[] Offline { get; }

    /// <summary>Builds a scenario: model <paramref name="name"/> with the repeat block run <paramref name="count"/> times.</summary>
    public static StreamScenario Create(string name, ulong count, double noise, int shots, ulong seed, int window, int commit, string decoder = "mwpm")
    {
        string text = StreamModels.Scaled(StreamModels.Model(name, count), noise).ToString();
        var model = DetectorErrorModel.Parse(text, "dem");
        var options = StreamModels.Options(window, commit);
        var compiled = StreamModels.Compile(model, decoder, options);
        var (dets, obs, db) = StreamModels.Sample(model, shots, seed);
        return new StreamScenario(text, model, decoder, options, compiled, dets, obs, db, shots);
    }

    /// <summary>Shot <paramref name="s"/>, packed.</summary>
    public ReadOnlySpan<byte> Shot(int s) => Detections.AsSpan(s * DetectorBytes, DetectorBytes);

    /// <summary>Round <paramref name="r"/> of shot <paramref name="s"/>, packed.</summary>
    public byte[] Round(int s, int r) => StreamModels.Round(Layout, Shot(s), r);

    /// <summary>Logical errors of predictions <paramref name="finals"/> (one per shot).</summary>
    public int Errors(IReadOnlyList<byte[]> finals)
    {
        int errors = 0;
        for (int s = 0; s < Shots; s++)
        {
            errors += StreamModels.Differs(finals[s], Observables.AsSpan(s * ObservableBytes, ObservableBytes)) ? 1 : 0;
        }
        return errors;
    }

    /// <summary>Logical errors of whole-shot decoding with the same decoder on the same shots.</summary>
    public int WholeShotErrors() => StreamModels.WholeShotErrors(Model, Decoder, Detections, Observables, DetectorBytes, Shots);

    /// <summary>
    /// Asserts what a server answered for every shot sent round by round, in order: with early
    /// corrections the offline partial frames (committed rounds strictly increasing), then exactly
    /// one final correction equal to the offline prediction, committed rounds = the model's rounds.
    /// </summary>
    /// <param name="answers">Every correction received, in order: (shot id, partial, committed rounds, flips).</param>
    /// <param name="early">Whether the session asked for early corrections.</param>
    /// <param name="firstShotId">Id of shot 0 (shot s has id firstShotId + s).</param>
    public void AssertAnswers(IReadOnlyList<StreamAnswer> answers, bool early, ulong firstShotId = 0)
    {
        int at = 0;
        for (int s = 0; s < Shots; s++)
        {
            ulong id = firstShotId + (ulong)s;
            var expected = Offline[s];
            if (early)
            {
                int previous = 0;
                foreach (var (rounds, flips) in expected.Partials)
                {
                    Assert.True(at < answers.Count, $"shot {s}: missing partial corrections");
                    var a = answers[at++];
                    Assert.Equal(id, a.ShotId);
                    Assert.True(a.Partial, $"shot {s}: a final correction where the partial of {rounds} committed rounds was expected");
                    Assert.Equal(rounds, a.CommittedRounds);
                    Assert.Equal(flips, a.Flips);
                    Assert.True(a.CommittedRounds > previous, $"shot {s}: committed rounds {a.CommittedRounds} after {previous}");
                    previous = a.CommittedRounds;
                }
            }
            Assert.True(at < answers.Count, $"shot {s}: no final correction");
            var f = answers[at++];
            Assert.Equal(id, f.ShotId);
            Assert.False(f.Partial, $"shot {s}: an unexpected partial correction");
            Assert.Equal(Layout.NumRounds, f.CommittedRounds);
            Assert.Equal(expected.Final, f.Flips);
        }
        Assert.Equal(answers.Count, at);
    }

    /// <summary>
    /// Asserts the logical error count of the final corrections in <paramref name="answers"/> against
    /// whole-shot decoding of the same shots: equal when <paramref name="exact"/> (where the data
    /// shows equality), else within <see cref="Tolerance"/>. Returns (streaming, whole-shot) errors.
    /// </summary>
    public (int Streaming, int WholeShot) AssertAccuracy(IReadOnlyList<StreamAnswer> answers, bool exact)
    {
        var finals = answers.Where(a => !a.Partial).Select(a => a.Flips).ToList();
        int errors = Errors(finals), whole = WholeShotErrors();
        Assert.True(whole > 0, "the noise should be high enough for logical errors");
        if (exact)
        {
            Assert.Equal(whole, errors);
        }
        else
        {
            Assert.True(Math.Abs(errors - whole) <= Tolerance(whole), $"{errors} logical errors streaming vs {whole} whole-shot ± {Tolerance(whole):F1}");
        }
        return (errors, whole);
    }

    /// <summary>
    /// The documented accuracy tolerance for streaming against whole-shot logical error counts on
    /// the same shots: the 95% binomial error bar of the whole-shot count, plus one shot
    /// (1.96·√(n·q·(1−q)) + 1, q = whole-shot errors / n), as in the streaming decoder's own tests.
    /// </summary>
    public double Tolerance(int wholeShotErrors)
    {
        double q = (double)wholeShotErrors / Shots;
        return (1.96 * Math.Sqrt(Shots * q * (1 - q))) + 1;
    }
}

/// <summary>One correction as a test received it, from either path.</summary>
/// <param name="ShotId">The shot.</param>
/// <param name="Partial">True for an early correction (gRPC partial, raw COMMITTED).</param>
/// <param name="CommittedRounds">Rounds committed (the model's rounds on a final correction).</param>
/// <param name="Flips">Observable flips.</param>
public sealed record StreamAnswer(ulong ShotId, bool Partial, int CommittedRounds, byte[] Flips);
